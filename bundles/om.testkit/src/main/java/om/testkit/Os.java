package om.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commands run by a test itself, outside the driver under test: to set things up, to check effects with the tools
 * an operator would use, and to clean up.
 */
public final class Os {
    /** No setup or check command of a unit test should come near this. */
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * @param code the exit code, -1 when the command could not run or timed out
     * @param text stdout and stderr, merged
     */
    public record Out(int code, String text) {
    }

    private Os() {
    }

    public static Out run(String... argv) {
        return run(List.of(argv));
    }

    /** Runs a command with stdin from /dev/null, stderr merged into stdout. Never throws. */
    public static Out run(List<String> argv) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException | RuntimeException e) {
            return new Out(-1, e.getMessage());
        }
        Future<String> out = Streams.readInBackground(p.getInputStream(), "testkit-os-" + p.pid());
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            if (!p.waitFor(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                Streams.killTree(p);
                return new Out(-1, "timeout");
            }
            return new Out(p.exitValue(), out.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return new Out(-1, "timeout: output still open after the command exited");
        } catch (ExecutionException e) {
            return new Out(-1, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Out(-1, "interrupted");
        }
    }

    /** Runs a command that must succeed and returns its output; a failure fails the test with the output. */
    public static String ok(String... argv) {
        Out o = run(argv);
        if (o.code() != 0) {
            throw new AssertionError(String.join(" ", argv) + " exited " + o.code() + ": " + o.text());
        }
        return o.text();
    }

    /** Unmounts (lazily, deepest first) everything mounted under dir and detaches loops backing files in it. */
    public static void cleanUnder(Path dir) throws IOException {
        String root = dir.toRealPath().toString();
        List<String> mounts = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mp = line.split(" ")[4].replace("\\040", " ");
            if (mp.equals(root) || mp.startsWith(root + "/")) {
                mounts.add(mp);
            }
        }
        mounts.sort(Comparator.comparingInt(String::length).reversed());
        for (String m : mounts) {
            run("umount", "-l", m);
        }
        for (String line : run("losetup", "-a", "-n", "-O", "NAME,BACK-FILE", "--raw").text().lines().toList()) {
            String[] f = line.split(" ", 2);
            if (f.length == 2 && f[1].startsWith(root + "/")) {
                run("losetup", "-d", f[0]);
            }
        }
    }
}
