package om.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.config.Keyword;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/**
 * A resource context for driver unit tests: keyword values held in memory (see {@link Builder#keywords} and
 * {@link Builder#literalValues} for how they read), the action log recorded as {@code <level> <message>} lines,
 * every exec request recorded and then run for real.
 *
 * <pre>{@code
 * FakeContext ctx = FakeContext.builder().rid("ip#0").varDir(tmp).keywords(IpKeywords.all())
 *         .values("ipname", "127.0.0.9", "ipdev", "lo").build();
 * driver.start(ctx);
 * assertEquals(List.of("checking availability"), ctx.infos());
 * }</pre>
 */
public final class FakeContext implements ResourceContext {
    private final ObjectPath path;
    private final String rid;
    private final Path varDir;
    private final Duration defaultTimeout;
    private final FakeConfig config;
    // drivers may log from worker threads: a copy-on-write list never loses a line nor breaks a reader
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<ExecRequest> execs = new CopyOnWriteArrayList<>();
    private volatile ActionOptions options;

    private FakeContext(Builder b) {
        this.path = b.path;
        this.rid = b.rid;
        this.varDir = b.varDir != null ? b.varDir : tempVarDir(b.rid);
        this.defaultTimeout = b.defaultTimeout;
        this.options = b.options;
        this.config = new FakeConfig(b.path, b.node, b.keywords, b.resolve);
        put(config.section(b.rid), b.values);
        b.sections.forEach((section, keyValues) -> put(config.section(section), keyValues));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A context for {@code rid} of object {@code svc1} with these {@code key, value} pairs and no keyword table. */
    public static FakeContext of(String rid, Path varDir, String... keyValues) {
        return builder().rid(rid).varDir(varDir).values(keyValues).build();
    }

    /** Writes (or, with a null value, writes as empty, hiding any default) a keyword of this resource. */
    public FakeContext set(String key, String value) {
        config.section(rid).put(key, value);
        return this;
    }

    /** Removes a written keyword of this resource, so that its default (if resolved) applies again. */
    public FakeContext unset(String key) {
        config.section(rid).remove(key);
        return this;
    }

    /** Writes keywords of another section of the same object, say a resource this one refers to. */
    public FakeContext section(String otherRid, String... keyValues) {
        put(config.section(otherRid), Arrays.asList(keyValues));
        return this;
    }

    /** Replaces the action options, say to make the next action a dry run. */
    public FakeContext options(ActionOptions newOptions) {
        this.options = Objects.requireNonNull(newOptions);
        return this;
    }

    /** The action log so far, one {@code <level> <message>} line per entry; tests may clear it. */
    public List<String> log() {
        return log;
    }

    /** The messages logged at {@code level} ({@code info}, {@code warn} or {@code error}), in order. */
    public List<String> lines(String level) {
        return log.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.length() + 1)).toList();
    }

    public List<String> infos() {
        return lines("info");
    }

    /** Every exec request received, in order. */
    public List<ExecRequest> execs() {
        return execs;
    }

    public List<List<String>> argvs() {
        return execs.stream().map(ExecRequest::argv).toList();
    }

    @Override
    public ObjectPath path() {
        return path;
    }

    @Override
    public String rid() {
        return rid;
    }

    @Override
    public String node() {
        return config.node();
    }

    @Override
    public ObjectConfig config() {
        return config;
    }

    @Override
    public Path varDir() {
        return varDir;
    }

    @Override
    public Path objectVarDir() {
        return varDir.getParent();
    }

    /** {@code <action>_timeout}, else {@code timeout}, else the builder's default timeout. */
    @Override
    public Duration timeout(String action) {
        return value(action + "_timeout").or(() -> value("timeout")).map(Values::toDuration).orElse(defaultTimeout);
    }

    @Override
    public ActionOptions options() {
        return options;
    }

    @Override
    public void info(String message) {
        log.add("info " + message);
    }

    @Override
    public void warn(String message) {
        log.add("warn " + message);
    }

    @Override
    public void error(String message) {
        log.add("error " + message);
    }

    @Override
    public ExecResult exec(ExecRequest request) {
        execs.add(request);
        return ProcessRunner.run(request, this::info, this::warn);
    }

    private static void put(Map<String, String> section, List<String> keyValues) {
        if (keyValues.size() % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected, got " + keyValues);
        }
        for (int i = 0; i < keyValues.size(); i += 2) {
            section.put(keyValues.get(i), keyValues.get(i + 1));
        }
    }

    private static Path tempVarDir(String rid) {
        try {
            Path objectDir = Files.createTempDirectory("om-testkit-");
            objectDir.toFile().deleteOnExit();
            return objectDir.resolve(rid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds a {@link FakeContext}; only {@link #rid} is required. */
    public static final class Builder {
        private ObjectPath path = ObjectPath.parse("svc1");
        private String rid;
        private String node = "n1";
        private Path varDir;
        private List<Keyword> keywords = List.of();
        private boolean resolve = true;
        private Duration defaultTimeout = Duration.ofSeconds(10);
        private ActionOptions options = ActionOptions.defaults();
        private final List<String> values = new ArrayList<>();
        private final Map<String, List<String>> sections = new LinkedHashMap<>();

        private Builder() {
        }

        /** The object path, {@code svc1} unless set. */
        public Builder path(String objectPath) {
            return path(ObjectPath.parse(objectPath));
        }

        public Builder path(ObjectPath objectPath) {
            this.path = Objects.requireNonNull(objectPath);
            return this;
        }

        public Builder rid(String resourceId) {
            this.rid = Objects.requireNonNull(resourceId);
            return this;
        }

        /** The node the config is evaluated for, {@code n1} unless set. */
        public Builder node(String nodeName) {
            this.node = Objects.requireNonNull(nodeName);
            return this;
        }

        /**
         * The resource's var dir (not created: drivers create it on demand); the object's var dir is its parent.
         * Unless set, a fresh temporary directory holds it.
         */
        public Builder varDir(Path dir) {
            this.varDir = Objects.requireNonNull(dir);
            return this;
        }

        /**
         * The driver's keyword table: it answers {@link ObjectConfig#keyword}, and values are read through it
         * like the core does, a value written under an alias answering for the name and the keyword default
         * answering when nothing is written.
         */
        public Builder keywords(Collection<Keyword> table) {
            this.keywords = List.copyOf(table);
            return this;
        }

        /** Values read exactly as written: no aliases, no defaults, even with a keyword table. */
        public Builder literalValues() {
            this.resolve = false;
            return this;
        }

        /** The timeout of actions without {@code <action>_timeout} or {@code timeout} written, 10 s unless set. */
        public Builder defaultTimeout(Duration timeout) {
            this.defaultTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder options(ActionOptions actionOptions) {
            this.options = Objects.requireNonNull(actionOptions);
            return this;
        }

        /** Written keywords of the resource, as {@code key, value} pairs. */
        public Builder values(String... keyValues) {
            values.addAll(Arrays.asList(keyValues));
            return this;
        }

        /** Written keywords of another section of the object, as {@code key, value} pairs. */
        public Builder section(String otherRid, String... keyValues) {
            sections.computeIfAbsent(otherRid, k -> new ArrayList<>()).addAll(Arrays.asList(keyValues));
            return this;
        }

        public FakeContext build() {
            if (rid == null) {
                throw new IllegalStateException("a rid is required");
            }
            return new FakeContext(this);
        }
    }
}
