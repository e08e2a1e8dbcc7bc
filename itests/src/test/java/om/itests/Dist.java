package om.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Drives the real distribution: bin/om and bin/omd as processes, with a throw-away install root. */
final class Dist {
    final Path home = Paths.get(System.getProperty("om.dist.dir", "../distribution/target/om")).toAbsolutePath();
    final Path root;
    final String node;

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\nout:\n" + out + "err:\n" + err;
        }
    }

    Dist(Path root, String node) {
        this.root = root;
        this.node = node;
    }

    Result om(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/om").toString());
        cmd.addAll(List.of(args));
        return run(cmd, 120);
    }

    Result omd(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/omd").toString());
        cmd.addAll(List.of(args));
        return run(cmd, 120);
    }

    Result run(List<String> cmd, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("OM_ROOT", root.toString());
        env.put("OM_NODENAME", node);
        env.put("NO_COLOR", "1");
        Path out = Files.createTempFile("om", ".out");
        Path err = Files.createTempFile("om", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    static Path newRoot(String name) throws IOException {
        Path base = Paths.get("target", "roots").toAbsolutePath();
        Files.createDirectories(base);
        return Files.createTempDirectory(base, name);
    }
}
