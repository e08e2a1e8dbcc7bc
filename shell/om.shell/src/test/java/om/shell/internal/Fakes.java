package om.shell.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import om.api.Cancellation;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.cli.DaemonControl;
import om.api.cli.Invocation;
import om.api.config.ConfigIssue;
import om.api.config.KeywordChange;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.config.RawConfig;
import om.api.select.ObjectSelector;
import om.log.api.LogReader;

/** In-memory stand-ins for the services the verbs use, and a captured invocation. */
public final class Fakes {
    private Fakes() {
    }

    public static Installation installation(String node) {
        return new Installation() {
            @Override
            public Path root() {
                return Path.of("/nonexistent/om-test-root");
            }

            @Override
            public String nodename() {
                return node;
            }
        };
    }

    /** A store of names only: change and delete record what they did and fail for the paths told to. */
    public static final class Store implements ObjectStore {
        public final Set<String> objects = new java.util.TreeSet<>();
        public final Set<String> failing = new java.util.HashSet<>();
        public final Map<String, List<KeywordChange>> changed = new LinkedHashMap<>();
        public final List<String> deleted = new ArrayList<>();
        /** Objects whose configuration does not parse: load fails with the parser's kind of message. */
        public final Set<String> unreadable = new java.util.HashSet<>();
        /** Whether load returns an (empty) configuration for the objects that exist. */
        public boolean loadable;

        public Store(String... names) {
            objects.addAll(List.of(names));
        }

        @Override
        public List<ObjectPath> list() {
            return objects.stream().map(ObjectPath::parse).toList();
        }

        @Override
        public boolean exists(ObjectPath path) {
            return objects.contains(path.canonical());
        }

        @Override
        public Path configFile(ObjectPath path) {
            return Path.of("/nonexistent/etc/" + path.canonical() + ".conf");
        }

        @Override
        public Optional<ObjectConfig> load(ObjectPath path) {
            if (unreadable.contains(path.canonical())) {
                throw new OmException(configFile(path) + ":1: malformed line, expected 'key = value': \u001b[2J");
            }
            if (!loadable || !objects.contains(path.canonical())) {
                return Optional.empty();
            }
            return Optional.of(emptyConfig(path, configFile(path)));
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
        public void change(ObjectPath path, List<KeywordChange> changes) {
            fail(path);
            changed.put(path.canonical(), changes);
        }

        @Override
        public void delete(ObjectPath path) {
            fail(path);
            deleted.add(path.canonical());
            objects.remove(path.canonical());
        }

        private void fail(ObjectPath path) {
            if (failing.contains(path.canonical())) {
                throw new OmException(path.canonical() + ": invalid configuration after the change");
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

    /** A configuration without sections. */
    public static ObjectConfig emptyConfig(ObjectPath path, Path file) {
        return new ObjectConfig() {
            @Override
            public ObjectPath path() {
                return path;
            }

            @Override
            public Path file() {
                return file;
            }

            @Override
            public java.time.Instant mtime() {
                return java.time.Instant.EPOCH;
            }

            @Override
            public RawConfig raw() {
                return new RawConfig(List.of());
            }

            @Override
            public String node() {
                return "n1";
            }

            @Override
            public List<String> rids() {
                return List.of();
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
            public Optional<om.api.config.Keyword> keyword(String section, String key) {
                return Optional.empty();
            }

            @Override
            public String expand(String section, String text) {
                return text;
            }
        };
    }

    /** Selects every object of the store for '**' and '*', else the comma-separated names that exist. */
    public static ObjectSelector selector(Store store) {
        return (expression, cancel) -> {
            cancel.check();
            if (expression.equals("**") || expression.equals("*")) {
                return store.list();
            }
            List<ObjectPath> out = new ArrayList<>();
            for (String n : expression.split(",")) {
                if (store.objects.contains(n)) {
                    out.add(ObjectPath.parse(n));
                }
            }
            return out;
        };
    }

    public static Services services(String node, Store store, DaemonControl daemon, LogReader logs) {
        return services(node, store, daemon, logs, null);
    }

    public static Services services(String node, Store store, DaemonControl daemon, LogReader logs,
                                    om.api.status.StatusService status) {
        ObjectSelector sel = selector(store);
        return new Services(installation(node), store, status, null, null, () -> sel, () -> daemon, () -> null,
                () -> logs, () -> null, () -> null);
    }

    /** A status with only the avail set, as the status service would give it. */
    public static om.api.status.InstanceStatus status(String path, om.api.status.Status avail) {
        return new om.api.status.InstanceStatus(path, "n1", "svc", "failover", "no", avail, avail,
                om.api.status.Status.NA, "true", false, null, null, null, List.of(), Map.of(), 50);
    }

    public static Services services(Store store) {
        return services("n1", store, null, null);
    }

    /** An invocation whose output and errors are kept. */
    public static final class Call {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        public final Cancellation cancel = new Cancellation();
        public final Map<String, String> env = new java.util.HashMap<>();

        public Invocation invocation(List<String> args) {
            return new Invocation(args, Path.of("/"), env, false, 80, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                    StandardCharsets.UTF_8), cancel);
        }

        public String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        public String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Runs one command line; the call keeps its output. */
    public static int run(OmCommandRunner runner, Call call, String... args) {
        return runner.run(call.invocation(List.of(args)));
    }
}
