package om.core.internal.exec;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import om.api.config.Values;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;

/**
 * Runs resource commands. The child gets its own session ({@code setsid}), so its pid is the id of a process
 * group holding everything it starts; on timeout that group gets SIGTERM, then SIGKILL after a grace delay.
 * Output is read line by line while the process runs. {@link #run} never throws.
 */
public final class ProcessExecutor {
    /** Kept output per stream; beyond it lines still reach the sink but are not returned. */
    static final int MAX_CAPTURE = 1 << 20;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Duration killGrace;
    private final Duration drainGrace;
    private final boolean useSetsid;

    public ProcessExecutor() {
        this(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    /**
     * @param killGrace  delay between SIGTERM and SIGKILL on timeout
     * @param drainGrace how long to wait for the end of the output once the process has exited: a daemon it
     *                   started may keep the pipes open forever
     */
    public ProcessExecutor(Duration killGrace, Duration drainGrace) {
        this.killGrace = killGrace;
        this.drainGrace = drainGrace;
        this.useSetsid = Files.isExecutable(SETSID);
    }

    public ExecResult run(ExecRequest req, LineSink sink) {
        long t0 = System.nanoTime();
        if (req.argv().isEmpty()) {
            return failure("empty command", t0);
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
        Thread tout = start(out, "om-exec-out-" + p.pid());
        Thread terr = start(err, "om-exec-err-" + p.pid());
        ProcessTree tree = new ProcessTree(p.toHandle());
        boolean timedOut = false;
        String error = null;
        try {
            Duration timeout = req.timeout();
            boolean limited = timeout != null && !timeout.isZero() && !timeout.isNegative();
            boolean exited = limited ? p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS) : waitForever(p);
            if (!exited) {
                timedOut = true;
                error = "timeout after " + Values.formatDuration(timeout);
                terminate(tree);
            }
        } catch (InterruptedException e) {
            error = "interrupted";
            terminate(tree);
            Thread.currentThread().interrupt();
        }
        join(tout, terr);
        int code = timedOut || !isDone(p) ? -1 : p.exitValue();
        return new ExecResult(code, timedOut, out.text(), err.text(), Duration.ofNanos(System.nanoTime() - t0), error);
    }

    private static boolean waitForever(Process p) throws InterruptedException {
        p.waitFor();
        return true;
    }

    private static boolean isDone(Process p) {
        return !p.isAlive();
    }

    /** SIGTERM to the tree, SIGKILL to whatever is left after the grace delay. */
    private void terminate(ProcessTree tree) {
        // the signalling helpers wait for /usr/bin/kill: run them with the interrupt flag cleared
        boolean interrupted = Thread.interrupted();
        try {
            tree.signal(ProcessTree.Signal.TERM);
            long deadline = System.nanoTime() + killGrace.toNanos();
            while (System.nanoTime() < deadline && tree.alive()) {
                sleep(100);
            }
            if (tree.alive()) {
                tree.signal(ProcessTree.Signal.KILL);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void join(Thread... readers) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + drainGrace.toNanos();
        try {
            for (Thread t : readers) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
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

    /** Reads one stream line by line, handing each line on and keeping a bounded copy. */
    private static final class Capture implements Runnable {
        private final InputStream in;
        private final Consumer<String> sink;
        private final StringBuilder text = new StringBuilder();

        Capture(InputStream in, Consumer<String> sink) {
            this.in = in;
            this.sink = sink;
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (text) {
                        if (text.length() < MAX_CAPTURE) {
                            text.append(line).append('\n');
                        }
                    }
                    try {
                        sink.accept(printable(line));
                    } catch (RuntimeException e) {
                        // a failing log sink must not stop the draining, or the child blocks on a full pipe
                    }
                }
            } catch (IOException e) {
                // stream closed under us: the process is gone, what was read is kept
            }
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
