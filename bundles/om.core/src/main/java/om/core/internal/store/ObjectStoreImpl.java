package om.core.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import om.api.Installation;
import om.api.Kind;
import om.api.ObjectPath;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.OmException;
import om.api.config.ConfigException;
import om.api.config.ConfigIssue;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import om.api.config.Values;
import om.api.driver.DriverRegistry;
import om.api.io.AtomicFile;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.core.internal.action.ObjectLocks;
import om.core.internal.config.ConfigParser;
import om.core.internal.config.ConfigRenderer;
import om.core.internal.config.ConfigValidator;
import om.core.internal.config.EvalContext;
import om.core.internal.config.EvaluatedConfig;
import om.core.internal.keywords.KeywordTables;
import om.core.internal.keywords.SectionNames;
import om.core.internal.node.NodeSettingsImpl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The object configs under {@code etc/}. Loaded configs are cached per path and reused while the file's
 * stamp (mtime, size, inode), the node settings ({@link NodeSettings}) and the driver registry generation are unchanged, so a daemon
 * reading thousands of configs re-parses only the changed ones.
 */
@Component(service = ObjectStore.class)
public final class ObjectStoreImpl implements ObjectStore {
    private final Installation inst;
    private final DriverRegistry drivers;
    private final KeywordTables tables;
    private final ConfigValidator validator;
    private final ObjectLister lister;
    private final NodeLog nodeLog;
    private final NodeSettings settings;
    private final ConfigLocks configLocks;
    private final ObjectLocks actionLocks = new ObjectLocks();
    private final Map<ObjectPath, Cached> cache = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /**
     * om.log's multiplexer, the one writer of log/node.log; optional so that the store works without om.log, and
     * taken only when a line is written: om.log's settings read the store, so getting it while the store is being
     * created would be a cycle.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(om.log=multiplexer)")
    private volatile ComponentServiceObjects<ActionLog> log;
    private volatile ActionLog direct;

    /** A load result: the config or its syntax error, and what it was computed from. */
    private record Cached(Path file, FileStamp stamp, NodeConfig facts, long generation, EvaluatedConfig config,
                          ConfigException error) {
    }

    @Activate
    public ObjectStoreImpl(@Reference(name = "installation") Installation inst,
                           @Reference(name = "drivers") DriverRegistry drivers,
                           @Reference(name = "settings") NodeSettings settings) {
        this.inst = inst;
        this.drivers = drivers;
        this.settings = settings;
        this.configLocks = new ConfigLocks(inst);
        this.tables = new KeywordTables(drivers);
        this.validator = new ConfigValidator(tables);
        this.lister = new ObjectLister(inst);
        this.nodeLog = new NodeLog(this::logNode, inst.nodename());
    }

    /** For tests: where the node-level lines go. */
    ObjectStoreImpl withLog(ActionLog log) {
        this.direct = log;
        return this;
    }

    private void logNode(LogEvent event) {
        ActionLog d = direct;
        if (d != null) {
            d.log(event);
            return;
        }
        ComponentServiceObjects<ActionLog> objects = log;
        ActionLog l = objects == null ? null : objects.getService();
        if (l != null) {
            try {
                l.log(event);
            } finally {
                objects.ungetService(l);
            }
        }
    }

    /** A store with its own node settings reader (tests, tools outside the framework). */
    public ObjectStoreImpl(Installation inst, DriverRegistry drivers) {
        this(inst, drivers, new NodeSettingsImpl(inst, drivers));
    }

    @Override
    public List<ObjectPath> list() {
        try {
            ObjectLister.Listing l = lister.list();
            l.skipped().forEach(this::warnSkipped);
            // forget removed objects, so the cache does not grow with every object ever seen
            cache.keySet().retainAll(new java.util.HashSet<>(l.paths()));
            return l.paths();
        } catch (IOException e) {
            throw new OmException("cannot list " + inst.etc() + ": " + e.getMessage());
        }
    }

    private void warnSkipped(Path file, String reason) {
        String key;
        try {
            FileStamp s = FileStamp.of(file);
            key = file + "\u0000" + (s == null ? "" : s.mtime());
        } catch (IOException e) {
            key = file.toString();
        }
        // warn once per file version, not at every listing of a busy daemon
        if (warned.add(key)) {
            nodeLog.warning("skip config file " + file + ": " + reason);
        }
    }

    @Override
    public boolean exists(ObjectPath path) {
        return Files.isRegularFile(configFile(path));
    }

    @Override
    public Path configFile(ObjectPath path) {
        return inst.configFile(path);
    }

    @Override
    public Optional<ObjectConfig> load(ObjectPath path) {
        return loadEvaluated(path).map(c -> c);
    }

    /** {@link #load} with the implementation type, for callers that evaluate as peers. */
    public Optional<EvaluatedConfig> loadEvaluated(ObjectPath path) {
        return loadEvaluated(path, settings.current());
    }

    /**
     * A loader for many objects in a row (a selector over the whole universe): node.conf and cluster.conf are
     * looked at once for the batch instead of at every load.
     */
    @Override
    public java.util.function.Function<ObjectPath, Optional<ObjectConfig>> batchLoader() {
        NodeConfig f = settings.current();
        return p -> loadEvaluated(p, f).map(c -> c);
    }

    private Optional<EvaluatedConfig> loadEvaluated(ObjectPath path, NodeConfig f) {
        Cached c = cache.get(path);
        Path file = c != null ? c.file() : configFile(path);
        try {
            FileStamp stamp = FileStamp.of(file);
            if (stamp == null) {
                cache.remove(path);
                return Optional.empty();
            }
            long gen = drivers.generation();
            if (c == null || !FileStamp.same(c.stamp(), stamp) || c.facts() != f || c.generation() != gen) {
                c = read(path, file, stamp, f, gen);
                cache.put(path, c);
            }
            if (c.error() != null) {
                throw c.error();
            }
            return Optional.of(c.config());
        } catch (NoSuchFileException e) {
            cache.remove(path);
            return Optional.empty();
        } catch (IOException e) {
            throw new OmException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private Cached read(ObjectPath path, Path file, FileStamp stamp, NodeConfig f, long gen) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, StandardCharsets.UTF_8);
        try {
            RawConfig raw = ConfigParser.parse(file.toString(), text);
            // the checksum of the very bytes evaluated, cached with the file stamp like the evaluation
            return new Cached(file, stamp, f, gen, new EvaluatedConfig(file, stamp.mtime(), raw, context(path, f),
                    tables, Values.sha256(bytes)), null);
        } catch (ConfigException e) {
            return new Cached(file, stamp, f, gen, null, e);
        }
    }

    /** What an object evaluation takes from the node settings; the cache follows the settings' identity. */
    private EvalContext context(ObjectPath path, NodeConfig f) {
        // an unwritten node.env leaves DEFAULT.env to its keyword default
        String env = f.isWritten("node", "env") ? f.env() : null;
        return new EvalContext(path, inst.nodename(), f.clusterName(), f.clusterNodes(), env, inst.varDir(path));
    }

    private EvalContext context(ObjectPath path) {
        return context(path, settings.current());
    }

    @Override
    public List<ConfigIssue> validate(ObjectPath path) {
        Path file = configFile(path);
        try {
            return validate(path, Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return List.of(new ConfigIssue(file.toString(), 0, "object " + path + " does not exist"));
        } catch (IOException e) {
            throw new OmException("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Override
    public List<ConfigIssue> validate(ObjectPath path, String text) {
        return validator.validate(configFile(path).toString(), text, context(path));
    }

    @Override
    public void write(ObjectPath path, RawConfig config) {
        Path file = configFile(path);
        try (ObjectLocks.Held held = configLocks.hold(file, path.canonical())) {
            writeLocked(path, file, config);
        }
    }

    private void writeLocked(ObjectPath path, Path file, RawConfig config) {
        RawConfig withId = path.kind() == Kind.CCFG ? config : withId(config);
        for (RawSection s : withId.sections()) {
            for (RawEntry e : s.entries()) {
                if (!ConfigRenderer.roundTrips(e.value())) {
                    throw new ConfigException(List.of(new ConfigIssue(file.toString(), 0, s.name() + "."
                            + e.writtenKey() + ": a value line cannot be blank, start with # or ;,"
                            + " or begin or end with blanks")));
                }
            }
        }
        String text = render(withId);
        writeValidated(path, file, null, text);
    }

    @Override
    public void install(ObjectPath path, String text) {
        Path file = configFile(path);
        try (ObjectLocks.Held held = configLocks.hold(file, path.canonical())) {
            installLocked(path, file, text);
        }
    }

    private void installLocked(ObjectPath path, Path file, String text) {
        String out = text;
        RawConfig raw = ConfigParser.parse(file.toString(), text);
        boolean hasId = raw.section(SectionNames.DEFAULT)
                .map(s -> s.entries().stream().anyMatch(e -> e.key().equals("id"))).orElse(false);
        if (path.kind() != Kind.CCFG && !hasId) {
            out = om.core.internal.config.ConfigEditor.apply(file.toString(), text,
                    List.of(new om.api.config.KeywordChange(SectionNames.DEFAULT, "id", null,
                            UUID.randomUUID().toString())));
        }
        writeValidated(path, file, null, out);
    }

    @Override
    public void change(ObjectPath path, List<om.api.config.KeywordChange> changes) {
        Path file = configFile(path);
        // read, change and write under the lock: a concurrent set reads the result of this one
        try (ObjectLocks.Held held = configLocks.hold(file, path.canonical())) {
            changeLocked(path, file, changes);
        }
    }

    private void changeLocked(ObjectPath path, Path file, List<om.api.config.KeywordChange> changes) {
        String before;
        try {
            before = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new OmException(path.canonical() + ": object not found");
        } catch (IOException e) {
            throw new OmException("cannot read " + file + ": " + e.getMessage());
        }
        for (om.api.config.KeywordChange c : changes) {
            if (!c.removes() && !ConfigRenderer.roundTrips(c.value())) {
                throw new ConfigException(List.of(new ConfigIssue(file.toString(), 0, c.section() + "." + c.key()
                        + ": a value line cannot be blank, start with # or ;, or begin or end with blanks")));
            }
        }
        String text = om.core.internal.config.ConfigEditor.apply(file.toString(), before, changes);
        writeValidated(path, file, before, text);
    }

    /** Validates the text as the config of path, then writes it atomically; refused text leaves the file as it was. */
    private void writeValidated(ObjectPath path, Path file, String before, String text) {
        List<ConfigIssue> errors = ConfigValidator.errors(validate(path, text));
        if (!errors.isEmpty()) {
            throw new ConfigException(before == null ? errors
                    : om.core.internal.config.RefusedLines.onFileLines(errors, before, text));
        }
        try {
            AtomicFile.write(file, text);
        } catch (IOException e) {
            throw new OmException("cannot write " + file + ": " + e.getMessage());
        } finally {
            cache.remove(path);
        }
    }

    /** Objects get a stable id at creation: an {@code id} written first in DEFAULT when there is none. */
    static RawConfig withId(RawConfig config) {
        Optional<RawSection> def = config.section(SectionNames.DEFAULT);
        if (def.isPresent() && def.get().entries().stream().anyMatch(e -> e.key().equals("id"))) {
            return config;
        }
        RawEntry id = new RawEntry("id", null, UUID.randomUUID().toString(), 0);
        List<RawSection> out = new ArrayList<>();
        if (def.isEmpty()) {
            out.add(new RawSection(SectionNames.DEFAULT, 0, List.of(id)));
            out.addAll(config.sections());
        } else {
            for (RawSection s : config.sections()) {
                if (s.name().equals(SectionNames.DEFAULT)) {
                    List<RawEntry> entries = new ArrayList<>();
                    entries.add(id);
                    entries.addAll(s.entries());
                    out.add(new RawSection(s.name(), s.line(), entries));
                } else {
                    out.add(s);
                }
            }
        }
        return new RawConfig(out);
    }

    @Override
    public void delete(ObjectPath path) {
        delete(path, Duration.ZERO);
    }

    /**
     * Under the object's action lock (the engine's {@code <vardir>/lock.generic}: never under a running action),
     * then its config lock (no write in flight); the lock file goes with the var dir, which is harmless as the
     * config is gone first: a waiting action then finds no object.
     */
    @Override
    public void delete(ObjectPath path, Duration waitlock) {
        deleteLocked(path, waitlock, null, null);
    }

    /**
     * The delete, under both locks; with {@code replicatedAt} (a peer's deletion time) only when the local config
     * is older, and the tombstone says that time rather than now; with {@code outOfScope} (a peer's newer version
     * whose scope has not this node) only when the local config loses to it, and without a tombstone.
     */
    private boolean deleteLocked(ObjectPath path, Duration waitlock, Instant replicatedAt, OutOfScope outOfScope) {
        Path file = configFile(path);
        Path varDir = inst.varDir(path);
        try (ObjectLocks.Held action = actionLocks.acquire(varDir.resolve(ObjectLocks.ACTION_LOCK_FILE),
                path.canonical(), "delete", java.util.UUID.randomUUID().toString(), waitlock);
             ObjectLocks.Held config = configLocks.hold(file, path.canonical())) {
            if (replicatedAt != null) {
                FileStamp stamp = FileStamp.of(file);
                // a deletion wins over a config of the same millisecond, as replicate() decides
                if (stamp == null || stamp.mtime().toEpochMilli() > replicatedAt.toEpochMilli()) {
                    return false;
                }
            }
            if (outOfScope != null) {
                FileStamp stamp = FileStamp.of(file);
                // a local change made since the decision wins: it is newer than the peer's version
                if (stamp == null || ObjectStore.compareVersions(stamp.mtime(),
                        Values.sha256(Files.readAllBytes(file)), outOfScope.mtime(), outOfScope.checksum()) >= 0) {
                    return false;
                }
            }
            if (!Files.exists(file)) {
                deleteTree(varDir);
                return false;
            }
            // the tombstone first: a crash before the config is gone leaves a config older than its tombstone,
            // which config replication then deletes (never a deleted object without its tombstone)
            if (path.kind() != Kind.CCFG && outOfScope == null) {
                writeTombstone(path, replicatedAt != null ? replicatedAt : Instant.now());
            }
            boolean existed = Files.deleteIfExists(file);
            deleteTree(varDir);
            return existed;
        } catch (IOException e) {
            throw new OmException("cannot delete " + path + ": " + e.getMessage());
        } finally {
            cache.remove(path);
        }
    }

    /** {@code var/deleted/<canonical path>}: nested folders for {@code ns/kind/name}. */
    Path tombstone(ObjectPath path) {
        return inst.var().resolve("deleted").resolve(path.canonical());
    }

    /**
     * The tombstone's mtime is the deletion time (the monitor puts it in the node data, config replication
     * compares it with configs' mtimes); its text says the same for a reader.
     */
    private void writeTombstone(ObjectPath path, Instant at) throws IOException {
        AtomicFile.write(tombstone(path), ("deleted at " + at + "\n").getBytes(StandardCharsets.UTF_8),
                AtomicFile.PRIVATE, java.nio.file.attribute.FileTime.from(at));
    }

    @Override
    public Optional<Instant> deletedAt(ObjectPath path) {
        try {
            return Optional.of(Files.getLastModifiedTime(tombstone(path)).toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean deleteReplicated(ObjectPath path, Instant deletedAt) {
        return deleteLocked(path, Duration.ZERO, deletedAt, null);
    }

    @Override
    public boolean removeOutOfScope(ObjectPath path, Instant newerMtime, String newerChecksum) {
        if (path.kind() == Kind.CCFG) {
            throw new OmException(path.canonical() + ": the cluster config is not replicated");
        }
        return deleteLocked(path, Duration.ZERO, null, new OutOfScope(newerMtime, newerChecksum));
    }

    /** The peer's newer version whose scope has not this node. */
    private record OutOfScope(Instant mtime, String checksum) {
    }

    @Override
    public boolean replicate(ObjectPath path, byte[] content, Instant mtime) {
        if (path.kind() == Kind.CCFG) {
            throw new OmException(path.canonical() + ": the cluster config is not replicated");
        }
        Path file = configFile(path);
        try (ObjectLocks.Held held = configLocks.hold(file, path.canonical())) {
            Optional<Instant> deleted = deletedAt(path);
            if (deleted.isPresent() && deleted.get().toEpochMilli() >= mtime.toEpochMilli()) {
                return false;
            }
            FileStamp stamp = FileStamp.of(file);
            if (stamp != null && ObjectStore.compareVersions(stamp.mtime(), Values.sha256(Files.readAllBytes(file)),
                    mtime, Values.sha256(content)) >= 0) {
                return false;
            }
            String text = new String(content, StandardCharsets.UTF_8);
            List<ConfigIssue> errors = ConfigValidator.errors(validate(path, text));
            if (!errors.isEmpty()) {
                throw new ConfigException(errors);
            }
            // the very bytes checked by the caller, not a re-encoding of the text
            AtomicFile.write(file, content, AtomicFile.PRIVATE, java.nio.file.attribute.FileTime.from(mtime));
            return true;
        } catch (IOException e) {
            throw new OmException("cannot write " + file + ": " + e.getMessage());
        } finally {
            cache.remove(path);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walkFileTree does not follow links: a symlink in the var dir is removed, never its target
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                Files.delete(f);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public String render(RawConfig config) {
        return ConfigRenderer.render(config);
    }

    @Override
    public RawConfig parse(String fileName, String text) {
        return ConfigParser.parse(fileName, text);
    }
}
