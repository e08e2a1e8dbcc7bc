package om.core.internal.exec;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import om.api.Cancellation;
import om.api.config.Values;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;

/**
 * Runs resource commands. The child gets its own session ({@code setsid}), so its pid is the id of a process
 * group holding everything it starts; on timeout or cancellation that group gets SIGTERM, then SIGKILL after a
 * grace delay. {@link #run} never throws.
 *
 * <p>The calling thread does all the work: it waits for the process and reads its output without ever blocking
 * in a read (only what the pipes hold is read), so no reader thread is started, and none is left behind when a
 * child the command started (a daemon) keeps the pipes open. Once the command has exited, what it wrote is read
 * and the pipes are closed; output written later by something it left running is not read.
 *
 * <p>Thread interrupts are not a stop request here: they are cleared and ignored, so an interrupted caller still
 * runs its rollback commands. Work is stopped through a {@link Cancellation}.
 */
public final class ProcessExecutor {
    /** Kept output per stream; beyond it lines still reach the sink but are not returned. */
    static final int MAX_CAPTURE = 1 << 20;
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /**
     * How often the output is read and the deadline checked: often while the command writes, less when it is
     * quiet. Its exit ends the wait at once, and so does a cancel (it signals the command).
     */
    private static final long POLL_MIN_MS = 5;
    private static final long POLL_MAX_MS = 100;

    private final Duration killGrace;
    private final Duration drainGrace;
    private final boolean useSetsid;

    public ProcessExecutor() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    /**
     * @param killGrace  delay between SIGTERM and SIGKILL on timeout or cancellation
     * @param drainGrace how long a killed process may still take to go away and leave its output
     */
    public ProcessExecutor(Duration killGrace, Duration drainGrace) {
        this.killGrace = killGrace;
        this.drainGrace = drainGrace;
        this.useSetsid = Files.isExecutable(SETSID);
    }

    public ExecResult run(ExecRequest req, LineSink sink) {
        return run(req, sink, Cancellation.NONE);
    }

    /**
     * Runs the command; a cancel kills its process group and the result's error is the cancel reason.
     * A token already cancelled runs nothing.
     */
    public ExecResult run(ExecRequest req, LineSink sink, Cancellation cancel) {
        long t0 = System.nanoTime();
        Cancellation token = cancel == null ? Cancellation.NONE : cancel;
        if (req.argv().isEmpty()) {
            return failure("empty command", t0);
        }
        if (token.isCancelled()) {
            return failure(token.reason(), t0);
        }
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(req.env());
        String program = req.argv().get(0);
        if (resolve(program, req.cwd(), env.get("PATH")) == null) {
            return failure("cannot run '" + program + "': command not found", t0);
        }
        List<String> argv = new ArrayList<>();
        if (useSetsid) {
            argv.add(SETSID.toString());
            argv.add("--wait");
        }
        argv.addAll(req.argv());
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().putAll(req.env());
        if (req.cwd() != null) {
            pb.directory(req.cwd().toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            return failure("cannot run '" + program + "': " + e.getMessage(), t0);
        }
        Capture out = new Capture(p.getInputStream(), req.logOutput() ? sink::stdout : l -> { });
        Capture err = new Capture(p.getErrorStream(), req.logOutput() ? sink::stderr : l -> { });
        ProcessTree tree = new ProcessTree(p.toHandle(), useSetsid);
        // the canceller's thread only sends SIGTERM to the command, which ends the wait below; the rest of the
        // killing (its process group, the grace delay, SIGKILL) happens on this thread
        Cancellation.Registration reg = token.onCancel(() -> p.toHandle().destroy());
        boolean timedOut = false;
        String error = null;
        try {
            Duration timeout = req.timeout();
            boolean limited = timeout != null && !timeout.isZero() && !timeout.isNegative();
            long deadline = limited ? t0 + timeout.toNanos() : Long.MAX_VALUE;
            long poll = POLL_MIN_MS;
            while (true) {
                boolean read = out.pump() | err.pump();
                if (token.isCancelled()) {
                    error = token.reason();
                    terminate(tree, out, err);
                    break;
                }
                if (System.nanoTime() - deadline >= 0) {
                    timedOut = true;
                    error = "timeout after " + Values.formatDuration(timeout);
                    terminate(tree, out, err);
                    break;
                }
                if (!p.isAlive()) {
                    break;
                }
                poll = read ? POLL_MIN_MS : Math.min(POLL_MAX_MS, poll * 2);
                if (!read) {
                    await(p, Math.min(poll, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                }
            }
            // what the command wrote before it exited is in the pipes (or already copied by the JDK)
            drain(out, err);
        } finally {
            reg.close();
            out.finish();
            err.finish();
            close(p);
            // the waits above ignore interrupts: clear a late one too, the caller's next log write would fail
            Thread.interrupted();
        }
        int code = error != null || p.isAlive() ? -1 : p.exitValue();
        return new ExecResult(code, timedOut, out.text(), err.text(), Duration.ofNanos(System.nanoTime() - t0), error);
    }

    /** Waits up to {@code ms} for the process to exit; an interrupt is cleared and ignored. */
    private static void await(Process p, long ms) {
        try {
            p.waitFor(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // not a stop request (see the class comment)
        }
    }

    /**
     * Reads what the pipes hold until both are empty, at most {@link #DRAIN_BOUND}: a child left running that keeps
     * writing to the inherited stdout would otherwise never let the pipes empty, nor the action return.
     */
    private static void drain(Capture out, Capture err) {
        long end = System.nanoTime() + DRAIN_BOUND.toNanos();
        while ((out.pump() | err.pump()) && System.nanoTime() - end < 0) {
            // until both pipes are empty, or the bound
        }
    }

    static final Duration DRAIN_BOUND = Duration.ofSeconds(2);

    /** SIGTERM to the tree, SIGKILL to whatever is left after the grace delay; output is read meanwhile. */
    private void terminate(ProcessTree tree, Capture out, Capture err) {
        tree.signal(ProcessTree.Signal.TERM);
        long deadline = System.nanoTime() + killGrace.toNanos();
        while (System.nanoTime() < deadline && tree.alive()) {
            drain(out, err);
            sleep(50);
        }
        if (tree.alive()) {
            tree.signal(ProcessTree.Signal.KILL);
            long gone = System.nanoTime() + drainGrace.toNanos();
            while (System.nanoTime() < gone && tree.alive()) {
                sleep(20);
            }
        }
    }

    private static void close(Process p) {
        for (java.io.Closeable c : new java.io.Closeable[] {p.getInputStream(), p.getErrorStream()}) {
            try {
                c.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            // not a stop request (see the class comment)
        }
    }

    private static ExecResult failure(String error, long t0) {
        return new ExecResult(-1, false, "", "", Duration.ofNanos(System.nanoTime() - t0), error);
    }

    /** The executable a command word names, searched in PATH when it has no slash; null when none. */
    static Path resolve(String program, Path cwd, String path) {
        if (program.isEmpty()) {
            return null;
        }
        if (program.contains("/")) {
            Path p = Path.of(program);
            if (!p.isAbsolute() && cwd != null) {
                p = cwd.resolve(p);
            }
            return Files.isExecutable(p) && !Files.isDirectory(p) ? p : null;
        }
        String dirs = path == null ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : path;
        for (String d : dirs.split(":")) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The line as a terminal would leave it: progress output (mkfs) rewrites itself with backspaces and
     * carriage returns, which have no place in a log file; other control characters are dropped.
     */
    static String printable(String line) {
        StringBuilder b = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\b') {
                if (b.length() > 0) {
                    b.setLength(b.length() - 1);
                }
            } else if (c == '\r') {
                b.setLength(0);
            } else if (c == '\t' || c >= ' ' && c != 0x7f) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Reads one stream line by line without blocking: {@link #pump} takes only what the pipe holds. Lines end
     * at {@code \n}; a carriage return inside a line is progress output, which {@link #printable} resolves.
     */
    private static final class Capture {
        private final InputStream in;
        private final Consumer<String> sink;
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        private final byte[] buf = new byte[8192];
        private boolean closed;

        Capture(InputStream in, Consumer<String> sink) {
            this.in = in;
            this.sink = sink;
        }

        /** Reads what is available now; whether anything was. */
        boolean pump() {
            if (closed) {
                return false;
            }
            try {
                int n = in.available();
                if (n <= 0) {
                    return false;
                }
                int r = in.read(buf, 0, Math.min(n, buf.length));
                if (r < 0) {
                    closed = true;
                    return false;
                }
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        line();
                    } else {
                        partial.write(buf[i]);
                    }
                }
                return r > 0;
            } catch (IOException e) {
                // stream closed under us: the process is gone, what was read is kept
                closed = true;
                return false;
            }
        }

        /** Hands on a last line without its newline. */
        void finish() {
            if (partial.size() > 0) {
                line();
            }
            closed = true;
        }

        private void line() {
            String line = partial.toString(StandardCharsets.UTF_8);
            partial.reset();
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (text.length() < MAX_CAPTURE) {
                text.append(line).append('\n');
            }
            try {
                sink.accept(printable(line));
            } catch (RuntimeException e) {
                // a failing log sink must not stop the reading, or the child blocks on a full pipe
            }
        }

        String text() {
            return text.toString();
        }
    }
}
