package om.daemon.internal.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.config.ConfigIssue;
import om.api.config.Keyword;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.config.RawConfig;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import om.api.status.StatusService;

/** Test doubles: a store of DEFAULT-only configs written as files, and a status service with a settable truth. */
final class Fakes {
    private Fakes() {
    }

    static Installation installation(Path root, String node) {
        return new Installation() {
            @Override
            public Path root() {
                return root;
            }

            @Override
            public String nodename() {
                return node;
            }
        };
    }

    /** Local expects kept in memory; a change touches {@code <vardir>/local_expect} as the real one writes it. */
    static final class Flags implements om.api.status.InstanceFlags {
        final Installation inst;
        final Map<ObjectPath, LocalExpect> expects = new ConcurrentHashMap<>();

        Flags(Installation inst) {
            this.inst = inst;
        }

        @Override
        public Optional<Instant> frozenAt(ObjectPath path) {
            return Optional.empty();
        }

        @Override
        public boolean freeze(ObjectPath path) {
            return false;
        }

        @Override
        public boolean unfreeze(ObjectPath path) {
            return false;
        }

        @Override
        public boolean stopped(ObjectPath path, String rid) {
            return false;
        }

        @Override
        public void setStopped(ObjectPath path, String rid, boolean stopped) {
        }

        @Override
        public LocalExpect localExpect(ObjectPath path) {
            return expects.getOrDefault(path, LocalExpect.NONE);
        }

        @Override
        public void setLocalExpect(ObjectPath path, LocalExpect expect) {
            expects.put(path, expect);
            try {
                Path f = inst.varDir(path).resolve("local_expect");
                Files.createDirectories(f.getParent());
                Path tmp = f.resolveSibling(".local_expect.tmp");
                Files.writeString(tmp, expect.word() + System.nanoTime());
                Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Settings of a one-node cluster named c1 (quorum off), or those of {@code cluster}. */
    static final class Settings implements om.api.node.NodeSettings {
        volatile Cluster cluster;

        Settings(String node) {
            cluster = new Cluster(node, "c1", "id1", List.of(node));
        }

        @Override
        public om.api.node.NodeConfig current() {
            return cluster;
        }

        @Override
        public om.api.node.NodeConfig ensureIdentity() {
            return cluster;
        }

        @Override
        public AutoCloseable onChange(java.util.function.Consumer<om.api.node.NodeConfig> listener) {
            return () -> { };
        }
    }

    record Cluster(String nodename, String clusterName, String clusterId, List<String> clusterNodes)
            implements om.api.node.NodeConfig {
        @Override
        public String stamp() {
            return "1";
        }

        @Override
        public List<String> drpNodes() {
            return List.of();
        }

        @Override
        public String secret() {
            return "s";
        }

        @Override
        public boolean quorum() {
            return false;
        }

        @Override
        public String env() {
            return "TST";
        }

        @Override
        public Optional<String> get(String section, String key) {
            return Optional.empty();
        }

        @Override
        public boolean isWritten(String section, String key) {
            return false;
        }

        @Override
        public boolean hasSection(String section) {
            return false;
        }

        @Override
        public List<String> sections() {
            return List.of();
        }

        @Override
        public om.api.node.NodeConfig asNode(String node) {
            return this;
        }

        @Override
        public List<String> issues() {
            return List.of();
        }
    }

    /** Configs are files {@code etc/<name>.conf} of {@code key = value} lines (DEFAULT section). */
    static final class Store implements ObjectStore {
        final Installation inst;
        /** Calls of {@link #list}: one per stamp scan of the monitor. */
        final AtomicInteger lists = new AtomicInteger();

        Store(Installation inst) {
            this.inst = inst;
        }

        void put(String name, String... keyValues) throws IOException {
            StringBuilder b = new StringBuilder("[DEFAULT]\n");
            for (int i = 0; i < keyValues.length; i += 2) {
                b.append(keyValues[i]).append(" = ").append(keyValues[i + 1]).append('\n');
            }
            Files.createDirectories(inst.etc());
            Path tmp = inst.etc().resolve("." + name + ".tmp");
            Files.writeString(tmp, b.toString());
            Files.move(tmp, configFile(ObjectPath.parse(name)), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public List<ObjectPath> list() {
            lists.incrementAndGet();
            List<ObjectPath> out = new ArrayList<>();
            try (var s = Files.list(inst.etc())) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".conf"))
                        .sorted().forEach(n -> out.add(ObjectPath.parse(n.substring(0, n.length() - 5))));
            } catch (IOException e) {
                // empty
            }
            return out;
        }

        @Override
        public boolean exists(ObjectPath path) {
            return Files.exists(configFile(path));
        }

        @Override
        public Path configFile(ObjectPath path) {
            return inst.configFile(path);
        }

        @Override
        public Optional<ObjectConfig> load(ObjectPath path) {
            Path f = configFile(path);
            List<String> lines;
            try {
                lines = Files.readAllLines(f);
            } catch (IOException e) {
                return Optional.empty();
            }
            Map<String, String> kv = new ConcurrentHashMap<>();
            for (String l : lines) {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    kv.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
                }
            }
            return Optional.of(new Config(path, f, kv, inst.nodename()));
        }

        @Override
        public List<ConfigIssue> validate(ObjectPath path) {
            return List.of();
        }

        @Override
        public List<ConfigIssue> validate(ObjectPath path, String text) {
            return List.of();
        }

        @Override
        public void write(ObjectPath path, RawConfig config) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(ObjectPath path) {
            try {
                Files.deleteIfExists(configFile(path));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String render(RawConfig config) {
            return "";
        }

        @Override
        public RawConfig parse(String fileName, String text) {
            return new RawConfig(List.of());
        }
    }

    record Config(ObjectPath path, Path file, Map<String, String> kv, String node) implements ObjectConfig {
        @Override
        public Instant mtime() {
            try {
                return Files.getLastModifiedTime(file).toInstant();
            } catch (IOException e) {
                return null;
            }
        }

        @Override
        public RawConfig raw() {
            return new RawConfig(List.of());
        }

        @Override
        public List<String> rids() {
            return List.of();
        }

        @Override
        public Optional<String> get(String section, String key) {
            return "DEFAULT".equals(section) ? Optional.ofNullable(kv.get(key)) : Optional.empty();
        }

        @Override
        public boolean isWritten(String section, String key) {
            return get(section, key).isPresent();
        }

        @Override
        public Optional<Keyword> keyword(String section, String key) {
            return Optional.empty();
        }

        @Override
        public String expand(String section, String text) {
            return text;
        }
    }

    /**
     * The "real" state of each instance is {@link #truth}; {@link #get} returns the last evaluation (as the cache
     * does), {@link #refresh} evaluates the truth again and writes a status.json so stamps move.
     */
    static final class Statuses implements StatusService {
        final Installation inst;
        final Map<ObjectPath, Function<ObjectPath, InstanceStatus>> truth = new ConcurrentHashMap<>();
        final Map<ObjectPath, InstanceStatus> cache = new ConcurrentHashMap<>();
        final AtomicInteger refreshes = new AtomicInteger();
        /** Calls of {@link #get} (a cache read, asked by the monitor's READ). */
        final AtomicInteger gets = new AtomicInteger();

        Statuses(Installation inst) {
            this.inst = inst;
        }

        void set(String path, Status avail, boolean frozen, String provisioned) {
            truth.put(ObjectPath.parse(path), p -> instance(p, inst.nodename(), avail, frozen, provisioned));
        }

        @Override
        public InstanceStatus get(ObjectPath path) {
            gets.incrementAndGet();
            InstanceStatus s = cache.get(path);
            return s != null ? s : refresh(path);
        }

        @Override
        public InstanceStatus refresh(ObjectPath path) {
            if (!Files.exists(inst.configFile(path))) {
                throw new OmException(path.canonical() + ": object not found");
            }
            refreshes.incrementAndGet();
            InstanceStatus s = truth.getOrDefault(path, p -> instance(p, inst.nodename(), Status.DOWN, false, "true"))
                    .apply(path);
            cache.put(path, s);
            try {
                Path f = inst.varDir(path).resolve("status.json");
                Files.createDirectories(f.getParent());
                Path tmp = f.resolveSibling(".status.json.tmp");
                Files.writeString(tmp, s.avail().word());
                Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return s;
        }
    }

    static InstanceStatus instance(ObjectPath p, String node, Status avail, boolean frozen, String provisioned) {
        ResourceStatus app = new ResourceStatus("app#0", "app.simple", "simple app", avail, provisioned, false, false,
                false, false, false, false, false, 0, -1, null, List.of(), List.of());
        return new InstanceStatus(p.canonical(), node, "svc", "failover", "no", avail, avail, Status.NA, provisioned,
                frozen, frozen ? Instant.EPOCH : null, Instant.now(), null, List.of(), Map.of("app#0", app), 0);
    }
}
