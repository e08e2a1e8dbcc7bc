package om.driver.share.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/**
 * A resource context over a map of keyword values (aliases and defaults applied from the share keyword table),
 * running processes for real and recording the action log as {@code <level> <message>} lines.
 */
final class FakeContext implements ResourceContext {
    final Map<String, String> values = new HashMap<>();
    final List<String> log = new ArrayList<>();
    final List<ExecRequest> execs = new ArrayList<>();
    ActionOptions options = ActionOptions.defaults();
    private final Path varDir;

    FakeContext(Path varDir, String... keyValues) {
        this.varDir = varDir;
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
    }

    List<String> infos() {
        return lines("info");
    }

    List<String> lines(String level) {
        return log.stream().filter(l -> l.startsWith(level + " ")).map(l -> l.substring(level.length() + 1)).toList();
    }

    List<List<String>> argvs() {
        return execs.stream().map(ExecRequest::argv).toList();
    }

    @Override
    public ObjectPath path() {
        return ObjectPath.parse("svc1");
    }

    @Override
    public String rid() {
        return "share#0";
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
                return FakeContext.this.path();
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
                return List.of(rid());
            }

            @Override
            public Optional<String> get(String section, String key) {
                if (!section.equals(rid())) {
                    return Optional.empty();
                }
                Optional<Keyword> kw = keyword(section, key);
                List<String> names = new ArrayList<>(List.of(key));
                kw.ifPresent(k -> {
                    names.add(k.name());
                    names.addAll(k.aliases());
                });
                return names.stream().filter(values::containsKey).map(values::get).findFirst()
                        .or(() -> kw.map(Keyword::defaultValue));
            }

            @Override
            public boolean isWritten(String section, String key) {
                return section.equals(rid()) && values.containsKey(key);
            }

            @Override
            public Optional<Keyword> keyword(String section, String key) {
                return ShareKeywords.all().stream().filter(k -> k.answersTo(key)).findFirst();
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
        return Duration.ofSeconds(20);
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
        pb.environment().putAll(r.env());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new ExecResult(-1, false, "", "", Duration.ofNanos(System.nanoTime() - t0), e.getMessage());
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try {
            boolean done = p.waitFor(r.timeout().toNanos(), TimeUnit.NANOSECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            if (!done) {
                p.destroyForcibly().waitFor();
                return new ExecResult(-1, true, out.join(), err.join(), elapsed, null);
            }
            String o = out.join();
            String e = err.join();
            if (r.logOutput()) {
                o.lines().forEach(this::info);
                e.lines().forEach(this::warn);
            }
            return new ExecResult(p.exitValue(), false, o, e, elapsed, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(-1, false, "", "", Duration.ofNanos(System.nanoTime() - t0), "interrupted");
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
