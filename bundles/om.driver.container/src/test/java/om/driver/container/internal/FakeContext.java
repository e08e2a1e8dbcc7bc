package om.driver.container.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.config.Keyword;
import om.api.config.ObjectConfig;
import om.api.config.RawConfig;
import om.api.config.Values;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/**
 * A resource context over maps of keyword values (keyword defaults applied like the core does), running
 * processes for real.
 */
final class FakeContext implements ResourceContext {
    final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();
    final List<ExecRequest> execs = new ArrayList<>();
    private final ObjectPath path;
    private final String rid;
    private final Path varDir;
    ActionOptions options = ActionOptions.defaults();

    FakeContext(ObjectPath path, String rid, Path varDir, String... keyValues) {
        this.path = path;
        this.rid = rid;
        this.varDir = varDir;
        sections.put(rid, new LinkedHashMap<>());
        for (int i = 0; i < keyValues.length; i += 2) {
            set(keyValues[i], keyValues[i + 1]);
        }
    }

    FakeContext set(String key, String value) {
        sections.get(rid).put(key, value);
        return this;
    }

    FakeContext section(String otherRid, String... keyValues) {
        Map<String, String> m = sections.computeIfAbsent(otherRid, k -> new LinkedHashMap<>());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return this;
    }

    List<String> lines(String level) {
        return log.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.length() + 1)).toList();
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
        return "n1";
    }

    @Override
    public ObjectConfig config() {
        return new ObjectConfig() {
            @Override
            public ObjectPath path() {
                return path;
            }

            @Override
            public Path file() {
                return null;
            }

            @Override
            public Instant mtime() {
                return Instant.EPOCH;
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
                return List.copyOf(sections.keySet());
            }

            @Override
            public Optional<String> get(String section, String key) {
                Map<String, String> m = sections.get(section);
                if (m == null) {
                    return Optional.empty();
                }
                if (m.containsKey(key)) {
                    return Optional.ofNullable(m.get(key));
                }
                return keyword(section, key).map(Keyword::defaultValue);
            }

            @Override
            public boolean isWritten(String section, String key) {
                Map<String, String> m = sections.get(section);
                return m != null && m.containsKey(key);
            }

            @Override
            public Optional<Keyword> keyword(String section, String key) {
                return ContainerKeywords.all().stream().filter(k -> k.answersTo(key)).findFirst();
            }

            @Override
            public String expand(String section, String text) {
                return text;
            }
        };
    }

    @Override
    public Path varDir() {
        return varDir;
    }

    @Override
    public Path objectVarDir() {
        return varDir.getParent();
    }

    @Override
    public Duration timeout(String action) {
        return value(action + "_timeout").or(() -> value("timeout")).map(Values::toDuration)
                .orElse(Duration.ofSeconds(30));
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
    public ExecResult exec(ExecRequest r) {
        execs.add(r);
        long t0 = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(r.argv());
        if (r.cwd() != null) {
            pb.directory(r.cwd().toFile());
        }
        pb.environment().putAll(r.env());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new ExecResult(-1, false, "", "", Duration.ofNanos(System.nanoTime() - t0),
                    "cannot run '" + r.argv().get(0) + "': " + e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            boolean done = p.waitFor(r.timeout().toNanos(), TimeUnit.NANOSECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor();
                return new ExecResult(-1, true, "", "", elapsed, null);
            }
            String o = out.get(5, TimeUnit.SECONDS);
            String e = err.get(5, TimeUnit.SECONDS);
            if (r.logOutput()) {
                o.lines().forEach(this::info);
                e.lines().forEach(this::warn);
            }
            return new ExecResult(p.exitValue(), false, o, e, elapsed, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(-1, false, "", "", Duration.ofNanos(System.nanoTime() - t0), "interrupted");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return new ExecResult(p.exitValue(), false, "", "", Duration.ofNanos(System.nanoTime() - t0),
                    "output not readable: " + e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
