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
    final Path home;
    final Path root;
    final String node;

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exit + "\nout:\n" + out + "err:\n" + err;
        }
    }

    Dist(Path root, String node) {
        this(defaultHome(), root, node);
    }

    /** A distribution tree other than the build's (e.g. a copy whose deploy/ a test changes). */
    Dist(Path home, Path root, String node) {
        this.home = home;
        this.root = root;
        this.node = node;
    }

    static Path defaultHome() {
        return Paths.get(System.getProperty("om.dist.dir", "../distribution/target/om")).toAbsolutePath();
    }

    /** bin/om run under a prefix command, e.g. {@code ip netns exec A}. */
    Result omUnder(List<String> prefix, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(home.resolve("bin/om").toString());
        cmd.addAll(List.of(args));
        return run(cmd, 120);
    }

    /** bin/om started in the background, stdout and stderr both going to {@code output}. */
    Process spawnOm(Path output, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/om").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OM_ROOT", root.toString());
        pb.environment().put("OM_NODENAME", node);
        pb.environment().put("NO_COLOR", "1");
        pb.redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    /** bin/omd --daemon, failing unless it answers. */
    void startDaemon() throws IOException, InterruptedException {
        Result r = omd("--daemon");
        if (r.exit() != 0) {
            throw new IllegalStateException("omd --daemon failed: " + r);
        }
    }

    /** om daemon stop, then waits (up to 20 s) for the daemon to be gone. A no-op without a daemon. */
    void stopDaemon() throws IOException, InterruptedException {
        om("daemon", "stop");
        Path pid = root.resolve("var/omd.pid");
        long end = System.currentTimeMillis() + 20000;
        while (Files.exists(pid) && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
    }

    /** Writes etc/[namespaces/ns/kind/]name.conf directly (no create verb, so no validation on the way). */
    Path writeConf(String path, String text) throws IOException {
        String[] parts = path.split("/");
        Path etc = root.resolve("etc");
        Path file = parts.length == 3
                ? etc.resolve("namespaces").resolve(parts[0]).resolve(parts[1]).resolve(parts[2] + ".conf")
                : etc.resolve(path + ".conf");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
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
