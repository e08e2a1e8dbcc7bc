package om.core.internal.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
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
import om.api.config.KeywordChange;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import om.api.driver.DriverRegistry;
import om.api.io.AtomicFile;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.core.internal.action.ObjectLocks;
import om.core.internal.config.ConfigEditor;
import om.core.internal.config.ConfigParser;
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

    private final Installation inst;
    private final KeywordTables tables;
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
        this.tables = new KeywordTables(drivers);
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
        FileRead c = s != null && FileStamp.same(s.cluster().stamp(), cs) ? s.cluster()
                : read(clusterConf, cs, s == null ? null : s.cluster());
        FileRead n = s != null && FileStamp.same(s.node().stamp(), ns) ? s.node()
                : read(nodeConf, ns, s == null ? null : s.node());
        List<String> issues = new ArrayList<>();
        if (c.issue() != null) {
            issues.add(c.issue());
        }
        if (n.issue() != null) {
            issues.add(n.issue());
        }
        String stamp = text(cs) + "|" + text(ns);
        NodeConfigImpl plain = new NodeConfigImpl(inst.nodename(), stamp, c.config(), n.config(), issues);
        // @nodes and @drpnodes scopes mean the cluster's nodes here, as DEFAULT.nodes does in an object config
        String nodes = String.join(" ", plain.clusterNodes());
        String drpnodes = String.join(" ", plain.drpNodes());
        return new State(c, n, new NodeConfigImpl(inst.nodename(), stamp, withNodes(c.config(), nodes, drpnodes),
                withNodes(n.config(), nodes, drpnodes), issues));
    }

    /** The config with a DEFAULT section naming the cluster nodes, for the evaluator's scope ranking. */
    private EvaluatedConfig withNodes(EvaluatedConfig cfg, String nodes, String drpnodes) {
        if (cfg == null || cfg.hasSection(SectionNames.DEFAULT)) {
            return cfg;
        }
        List<RawSection> sections = new ArrayList<>();
        sections.add(new RawSection(SectionNames.DEFAULT, 0,
                List.of(new RawEntry("nodes", null, nodes, 0), new RawEntry("drpnodes", null, drpnodes, 0))));
        sections.addAll(cfg.raw().sections());
        return new EvaluatedConfig(cfg.file(), cfg.mtime(), new RawConfig(sections),
                EvalContext.standalone(ObjectPath.parse("cluster"), inst.nodename(), null), tables);
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

    private FileRead read(Path file, FileStamp stamp, FileRead previous) {
        if (stamp == null) {
            return new FileRead(null, null, null);
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            RawConfig raw = ConfigParser.parse(file.toString(), text);
            return new FileRead(stamp, evaluate(file, stamp, raw), null);
        } catch (NoSuchFileException e) {
            return new FileRead(null, null, null);
        } catch (ConfigException e) {
            return new FileRead(stamp, previous == null ? null : previous.config(),
                    file + ": ignored, does not parse: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new FileRead(stamp, previous == null ? null : previous.config(),
                    file + ": ignored, cannot read: " + e.getMessage());
        }
    }

    private EvaluatedConfig evaluate(Path file, FileStamp stamp, RawConfig raw) {
        EvalContext ctx = EvalContext.standalone(ObjectPath.parse("cluster"), inst.nodename(), null);
        return new EvaluatedConfig(file, stamp.mtime(), raw, ctx, tables);
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
            throw new OmException("cannot generate cluster.id and cluster.secret: " + e.getMessage());
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
