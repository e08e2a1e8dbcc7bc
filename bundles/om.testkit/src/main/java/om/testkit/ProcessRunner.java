package om.testkit;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;

/**
 * Runs an {@link ExecRequest} for real, the way the core does in substance: stdin from /dev/null, the
 * request's cwd and extra environment, the timeout enforced by killing the process and its descendants,
 * output lines logged (stdout as info, stderr as warn) when the request asks for it. Never throws.
 */
final class ProcessRunner {
    /** How long output may still be read once the process is gone: a daemon it left may hold the pipes. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private ProcessRunner() {
    }

    static ExecResult run(ExecRequest r, Consumer<String> info, Consumer<String> warn) {
        long t0 = System.nanoTime();
        if (r.argv().isEmpty()) {
            return failure("empty command", t0);
        }
        ProcessBuilder pb = new ProcessBuilder(r.argv())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (r.cwd() != null) {
            pb.directory(r.cwd().toFile());
        }
        pb.environment().putAll(r.env());
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            return failure("cannot run '" + r.argv().get(0) + "': " + e.getMessage(), t0);
        }
        Future<String> out = Streams.readInBackground(p.getInputStream(), "testkit-out-" + p.pid());
        Future<String> err = Streams.readInBackground(p.getErrorStream(), "testkit-err-" + p.pid());
        try {
            boolean done = r.timeout() == null ? waitForever(p)
                    : p.waitFor(r.timeout().toNanos(), TimeUnit.NANOSECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            if (!done) {
                Streams.killTree(p);
                return new ExecResult(-1, true, drained(out), drained(err), elapsed, null);
            }
            String o;
            String e;
            try {
                o = out.get(DRAIN.toNanos(), TimeUnit.NANOSECONDS);
                e = err.get(DRAIN.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException x) {
                return new ExecResult(p.exitValue(), false, "", "", elapsed, "output not readable: " + x);
            }
            if (r.logOutput()) {
                o.lines().forEach(info);
                e.lines().forEach(warn);
            }
            return new ExecResult(p.exitValue(), false, o, e, elapsed, null);
        } catch (InterruptedException e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return failure("interrupted", t0);
        }
    }

    private static boolean waitForever(Process p) throws InterruptedException {
        p.waitFor();
        return true;
    }

    /** What a killed process wrote, or nothing when something it left keeps the pipe open. */
    private static String drained(Future<String> f) throws InterruptedException {
        try {
            return f.get(DRAIN.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }

    private static ExecResult failure(String error, long t0) {
        return new ExecResult(-1, false, "", "", Duration.ofNanos(System.nanoTime() - t0), error);
    }
}
