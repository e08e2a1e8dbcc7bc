package om.core.internal.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.config.ConfigException;
import om.api.config.ConfigIssue;
import om.api.config.KeywordChange;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import om.api.driver.DriverRegistry;
import om.api.io.AtomicFile;
import om.api.node.NodeConfig;
import om.api.node.NodeFile;
import om.api.node.NodeSettings;
import om.core.internal.action.ObjectLocks;
import om.core.internal.config.ConfigEditor;
import om.core.internal.config.RefusedLines;
import om.core.internal.config.ConfigParser;
import om.core.internal.config.ConfigRenderer;
import om.core.internal.config.ConfigValidator;
import om.core.internal.config.EvalContext;
import om.core.internal.config.EvaluatedConfig;
import om.core.internal.keywords.KeywordTables;
import om.core.internal.keywords.SectionNames;
import om.core.internal.store.ConfigLocks;
import om.core.internal.store.FileStamp;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The node settings service on the object parser and evaluator. {@link #current()} stats both files and re-reads
 * only when a stamp changed; a file that stops parsing keeps its last good version (so a half-edited node.conf
 * does not switch logging or the cluster membership off) and says why in {@link NodeConfig#issues()}.
 */
@Component(service = NodeSettings.class)
public final class NodeSettingsImpl implements NodeSettings {
    private static final long POLL_MS = 1000;
    private static final ObjectPath CLUSTER_PATH = ObjectPath.parse("cluster");

    private final Installation inst;
    private final KeywordTables tables;
    private final NodeConfigValidator validator;
    private final ConfigLocks locks;
    private final Path clusterConf;
    private final Path nodeConf;
    private final List<Consumer<NodeConfig>> listeners = new CopyOnWriteArrayList<>();
    private final Object pollGuard = new Object();

    private volatile State state;
    private ScheduledExecutorService poller;

    /** What one file gave: its stamp and its last good evaluation (null when missing or never parsed). */
    private record FileRead(FileStamp stamp, EvaluatedConfig config, String issue) {
    }

    private record State(FileRead cluster, FileRead node, NodeConfigImpl config) {
    }

    @Activate
    public NodeSettingsImpl(@Reference(name = "installation") Installation inst,
                            @Reference(name = "drivers") DriverRegistry drivers) {
        this.inst = inst;
        this.tables = KeywordTables.forNodeConfig(drivers);
        this.validator = new NodeConfigValidator(tables);
        this.locks = new ConfigLocks(inst);
        this.clusterConf = inst.etc().resolve("cluster.conf");
        this.nodeConf = inst.etc().resolve("node.conf");
    }

    @Deactivate
    void deactivate() {
        synchronized (pollGuard) {
            if (poller != null) {
                poller.shutdownNow();
                poller = null;
            }
        }
    }

    @Override
    public NodeConfig current() {
        State seen = state;
        // the common case, at every object load: two stats and no lock
        if (seen != null && FileStamp.same(seen.cluster().stamp(), stamp(clusterConf))
                && FileStamp.same(seen.node().stamp(), stamp(nodeConf))) {
            return seen.config();
        }
        State before;
        State after;
        synchronized (this) {
            before = state;
            after = refresh(before);
            state = after;
        }
        if (before != null && after != before) {
            notifyListeners(after.config());
        }
        return after.config();
    }

    private State refresh(State s) {
        FileStamp cs = stamp(clusterConf);
        FileStamp ns = stamp(nodeConf);
        if (s != null && FileStamp.same(s.cluster().stamp(), cs) && FileStamp.same(s.node().stamp(), ns)) {
            return s;
        }
        // both files are read again when either changed (they are small): each is validated against the other's
        // last good version, as a type or a required keyword may be written there
        FileRead c = read(clusterConf, cs, s == null ? null : s.cluster(), s == null ? null : raw(s.node()));
        FileRead n = read(nodeConf, ns, s == null ? null : s.node(), raw(c));
        List<String> issues = new ArrayList<>();
        if (c.issue() != null) {
            issues.add(c.issue());
        }
        if (n.issue() != null) {
            issues.add(n.issue());
        }
        String stamp = text(cs) + "|" + text(ns);
        NodeConfigImpl plain = new NodeConfigImpl(inst.nodename(), stamp, c.config(), n.config(), base(null),
                issues);
        EvalContext ctx = context(plain);
        // @nodes and @drpnodes scopes mean the cluster's nodes here, as DEFAULT.nodes does in an object config
        String nodes = String.join(" ", plain.clusterNodes());
        String drpnodes = String.join(" ", plain.drpNodes());
        return new State(c, n, new NodeConfigImpl(inst.nodename(), stamp, withNodes(c.config(), nodes, drpnodes, ctx),
                withNodes(n.config(), nodes, drpnodes, ctx), base(ctx), issues));
    }

    private static RawConfig raw(FileRead r) {
        return r == null || r.config() == null ? null : r.config().raw();
    }

    /** Evaluation as this node, in this cluster: {@code {clustername}}, {@code {clusternodes}} references. */
    private EvalContext context(NodeConfig plain) {
        return new EvalContext(CLUSTER_PATH, inst.nodename(), plain.clusterName(), plain.clusterNodes(), null, null);
    }

    /** An empty config, to evaluate the table defaults of sections neither file has. */
    private EvaluatedConfig base(EvalContext ctx) {
        return new EvaluatedConfig(clusterConf, Instant.EPOCH, new RawConfig(List.of()),
                ctx == null ? EvalContext.standalone(CLUSTER_PATH, inst.nodename(), null) : ctx, tables);
    }

    /** The config with a DEFAULT section naming the cluster nodes, for the evaluator's scope ranking. */
    private EvaluatedConfig withNodes(EvaluatedConfig cfg, String nodes, String drpnodes, EvalContext ctx) {
        if (cfg == null) {
            return null;
        }
        List<RawSection> sections = new ArrayList<>();
        sections.add(new RawSection(SectionNames.DEFAULT, 0,
                List.of(new RawEntry("nodes", null, nodes, 0), new RawEntry("drpnodes", null, drpnodes, 0))));
        // a DEFAULT written in the file is a validation error; it never reaches here (the file is not used)
        sections.addAll(cfg.raw().sections());
        return new EvaluatedConfig(cfg.file(), cfg.mtime(), new RawConfig(sections), ctx, tables);
    }

    private static String text(FileStamp s) {
        return s == null ? "-" : s.size() + "@" + s.mtime().toEpochMilli() + "#" + Objects.toString(s.fileKey());
    }

    private static FileStamp stamp(Path file) {
        try {
            return FileStamp.ofOptional(file);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Reads and validates one file; a file with errors keeps its previous good version (or none) and says why.
     *
     * @param other the other file's last good parse, for the checks that span both
     */
    private FileRead read(Path file, FileStamp stamp, FileRead previous, RawConfig other) {
        if (stamp == null) {
            return new FileRead(null, null, null);
        }
        EvaluatedConfig kept = previous == null ? null : previous.config();
        String keeping = kept == null ? "; the file is ignored" : "; the last good version is used";
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new FileRead(null, null, null);
        } catch (IOException | RuntimeException e) {
            return new FileRead(stamp, kept, file + ": cannot read: " + e.getMessage() + keeping);
        }
        List<ConfigIssue> errors = ConfigValidator.errors(validator.validate(file.toString(), text, other,
                EvalContext.standalone(CLUSTER_PATH, inst.nodename(), null)));
        if (!errors.isEmpty()) {
            return new FileRead(stamp, kept, errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1)
                    + " more)" : "") + keeping);
        }
        RawConfig raw = ConfigParser.parse(file.toString(), text);
        return new FileRead(stamp, new EvaluatedConfig(file, stamp.mtime(), raw,
                EvalContext.standalone(CLUSTER_PATH, inst.nodename(), null), tables), null);
    }

    @Override
    public Path file(NodeFile which) {
        return which == NodeFile.CLUSTER ? clusterConf : nodeConf;
    }

    @Override
    public List<ConfigIssue> validate(NodeFile which) {
        Path file = file(which);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new OmException("cannot read " + file + ": " + e.getMessage());
        }
        return validate(which, text);
    }

    /** The issues of text as the content of {@code which}, the other file as it is on disk now. */
    private List<ConfigIssue> validate(NodeFile which, String text) {
        Path other = file(which == NodeFile.CLUSTER ? NodeFile.NODE : NodeFile.CLUSTER);
        RawConfig otherRaw = null;
        try {
            // leniently: the other file's own errors are its validation's business
            otherRaw = ConfigParser.parse(other.toString(), Files.readString(other, StandardCharsets.UTF_8),
                    new ArrayList<>());
        } catch (IOException e) {
            // missing or unreadable: nothing comes from it
        }
        return validator.validate(file(which).toString(), text, otherRaw, context(current()));
    }

    @Override
    public NodeConfig change(NodeFile which, List<KeywordChange> changes) {
        Path file = file(which);
        try (ObjectLocks.Held held = locks.hold(file, which.fileName())) {
            String before;
            try {
                before = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                before = "";
            }
            for (KeywordChange c : changes) {
                if (!c.removes() && !ConfigRenderer.roundTrips(c.value())) {
                    throw new ConfigException(List.of(new ConfigIssue(file.toString(), 0, c.section() + "." + c.key()
                            + ": a value line cannot be blank, start with # or ;, or begin or end with blanks")));
                }
            }
            String text = ConfigEditor.apply(file.toString(), before, changes);
            List<ConfigIssue> errors = ConfigValidator.errors(validate(which, text));
            if (!errors.isEmpty()) {
                throw new ConfigException(RefusedLines.onFileLines(errors, before, text));
            }
            if (!text.equals(before)) {
                AtomicFile.write(file, text);
            }
        } catch (IOException e) {
            throw new OmException("cannot write " + file + ": " + e.getMessage());
        }
        return current();
    }


    @Override
    public NodeConfig ensureIdentity() {
        NodeConfig now = current();
        if (!now.clusterId().isEmpty() && !now.secret().isEmpty()) {
            return now;
        }
        try (ObjectLocks.Held held = locks.hold(clusterConf, "cluster.conf")) {
            // read again under the lock: another process may have generated them meanwhile
            String text;
            try {
                text = Files.readString(clusterConf, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                text = "";
            }
            RawConfig raw = ConfigParser.parse(clusterConf.toString(), text);
            NodeConfig fresh = current();
            List<KeywordChange> changes = new ArrayList<>();
            if (fresh.clusterId().isEmpty() && !written(raw, "id")) {
                changes.add(new KeywordChange("cluster", "id", null, UUID.randomUUID().toString()));
            }
            if (fresh.secret().isEmpty() && !written(raw, "secret")) {
                changes.add(new KeywordChange("cluster", "secret", null, newSecret()));
            }
            if (!changes.isEmpty()) {
                AtomicFile.write(clusterConf, ConfigEditor.apply(clusterConf.toString(), text, changes));
            }
        } catch (ConfigException e) {
            throw new OmException("cannot generate cluster.id and cluster.secret: " + (e.issues().isEmpty()
                    ? e.getMessage() : NodeConfigValidator.withoutText(e.issues().get(0)).toString()));
        } catch (IOException e) {
            throw new OmException("cannot write " + clusterConf + ": " + e.getMessage());
        }
        return current();
    }

    private static boolean written(RawConfig raw, String key) {
        return raw.section("cluster").map(s -> s.entries().stream()
                .anyMatch(e -> e.key().equals(key) && !e.value().isBlank())).orElse(false);
    }

    /** 32 hex characters: 128 bits from the system's strong random source. */
    static String newSecret() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public AutoCloseable onChange(Consumer<NodeConfig> listener) {
        current();
        listeners.add(listener);
        synchronized (pollGuard) {
            if (poller == null) {
                poller = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "om-node-settings");
                    t.setDaemon(true);
                    return t;
                });
                poller.scheduleWithFixedDelay(this::poll, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
            }
        }
        return () -> listeners.remove(listener);
    }

    private void poll() {
        try {
            current();
        } catch (RuntimeException e) {
            // keep polling: the next change may be readable
        }
    }

    private void notifyListeners(NodeConfig config) {
        for (Consumer<NodeConfig> l : listeners) {
            try {
                l.accept(config);
            } catch (RuntimeException e) {
                // one listener's failure must not keep the others from hearing of the change
            }
        }
    }
}
