package om.daemon.internal.bridge;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import om.api.Cancellation;
import om.api.cli.CommandRunner;
import om.api.cli.Invocation;

/**
 * Serves one client connection: reads its request, runs the command with streamed output, sends the exit code.
 * While the command runs a watcher reads the socket: stdin answers, forwarded signals ({@code S}: cancel with
 * "interrupted") and the hang-up (end of stream or error: cancel with "client disconnected" and fail further
 * output, so the command returns and frees its thread at once).
 */
final class BridgeConnection implements Runnable {
    static final String DISCONNECTED = "client disconnected";
    static final String INTERRUPTED = "interrupted";
    static final String STOPPING = "daemon stopping";
    /** How long a refused client may go on sending before the connection is closed under it. */
    static final java.time.Duration LINGER = java.time.Duration.ofSeconds(2);

    private final BridgeLink link;
    private final CommandRunner runner;
    private final Path defaultCwd;
    private final BridgeSettings settings;
    private final boolean reservedOnly;
    private final ScheduledExecutorService timer;
    private final Executor watchers;
    private final Runnable onEnd;
    private final FrameWriter writer;
    private final Cancellation cancel = new Cancellation();
    private volatile BridgeRequest request;
    private volatile BridgeInput input;
    private volatile boolean finished;

    /**
     * @param reservedOnly a connection over the pool: it may only run {@code om daemon status|stop}
     * @param onEnd        run once when the connection is closed
     */
    BridgeConnection(BridgeLink link, CommandRunner runner, Path defaultCwd, BridgeSettings settings,
                     boolean reservedOnly, ScheduledExecutorService timer, Executor watchers, Runnable onEnd) {
        this.link = link;
        this.runner = runner;
        this.defaultCwd = defaultCwd;
        this.settings = settings;
        this.reservedOnly = reservedOnly;
        this.timer = timer;
        this.watchers = watchers;
        this.onEnd = onEnd;
        this.writer = new FrameWriter(link.out());
    }

    @Override
    public void run() {
        try {
            serve();
        } catch (IOException e) {
            // the client went away: nothing to report to, and the daemon carries on
        } finally {
            finished = true;
            closeQuietly();
            onEnd.run();
        }
    }

    /** Null while the request is being read. */
    BridgeRequest request() {
        return request;
    }

    /** Cancels the command (first reason wins) and drops its further output; the client gets no exit code. */
    void abort(String reason) {
        cancel.cancel(reason);
        writer.breakOff();
        BridgeInput in = input;
        if (in != null) {
            in.fail(reason);
        }
    }

    void closeQuietly() {
        link.close();
    }

    private void serve() throws IOException {
        FrameReader reader = new FrameReader(new BufferedInputStream(link.in()));
        BridgeRequest r;
        try {
            r = readRequest(reader);
        } catch (ProtocolException e) {
            reply("error: " + e.getMessage(), 1);
            return;
        }
        if (reservedOnly && !r.isControl()) {
            reply("error: the daemon is busy (" + settings.poolSize() + " connections), try again later", 1);
            return;
        }
        request = r;
        if (r.hasStdin()) {
            input = new BridgeInput(writer);
            cancel.onCancel(() -> input.fail(cancel.reason()));
        }
        // the early answer: the client's first-answer bound is met even by a command that is silent for long
        writer.write(Frame.STARTED, "");
        watchers.execute(() -> watch(reader));
        int code = execute(r);
        finished = true;
        writer.write(Frame.EXIT, Integer.toString(code));
    }

    private void reply(String line, int code) throws IOException {
        refuse(link, line, timer);
    }

    /**
     * Answers one error line and exit 1, then discards what the client still sends until it closes (bounded):
     * closing a Unix socket with unread data resets the connection, and the client would lose the answer.
     */
    static void refuse(BridgeLink link, String line, ScheduledExecutorService timer) throws IOException {
        FrameWriter w = new FrameWriter(link.out());
        w.write(Frame.STDERR, line + "\n");
        w.write(Frame.EXIT, "1");
        link.endOutput();
        ScheduledFuture<?> bound = timer.schedule(link::close, LINGER.toMillis(), TimeUnit.MILLISECONDS);
        try {
            byte[] sink = new byte[64 * 1024];
            InputStream in = link.in();
            while (in.read(sink) >= 0) {
                // dropped
            }
        } finally {
            bound.cancel(false);
        }
    }

    private BridgeRequest readRequest(FrameReader reader) throws IOException {
        // a client that connects and says nothing must not hold a connection slot forever
        ScheduledFuture<?> watchdog = timer.schedule(this::closeQuietly, settings.requestTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return BridgeRequest.read(reader, defaultCwd, settings);
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Reads what the client sends while the command runs, until the connection ends. */
    private void watch(FrameReader reader) {
        try {
            Frame f;
            while ((f = reader.read(Frame.INPUT_CHUNK, "stdin frame too large")) != null) {
                switch (f.type()) {
                    case Frame.INPUT -> {
                        BridgeInput in = input;
                        if (in == null) {
                            throw new ProtocolException("stdin frame not asked for");
                        }
                        in.offer(f.payload());
                    }
                    case Frame.INPUT_END -> {
                        BridgeInput in = input;
                        if (in != null) {
                            in.end();
                        }
                    }
                    case Frame.SIGNAL -> cancel.cancel(INTERRUPTED);
                    default -> {
                        // a frame this daemon does not know yet
                    }
                }
            }
        } catch (IOException e) {
            // a hang-up, a protocol error or our own close once the command ended
        }
        if (!finished) {
            abort(DISCONNECTED);
        }
    }

    private int execute(BridgeRequest r) {
        // A PrintStream never throws: once the client left, writes and flushes fail and checkError() turns true.
        PrintStream out = new PrintStream(new FrameOutputStream(writer, Frame.STDOUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FrameOutputStream(writer, Frame.STDERR), true, StandardCharsets.UTF_8);
        InputStream in = input != null ? input : InputStream.nullInputStream();
        Invocation invocation = new Invocation(r.args(), r.cwd(), r.env(), r.tty(), r.width(), in, out, err, cancel);
        int code;
        try {
            code = runner.run(invocation);
        } catch (RuntimeException e) {
            // CommandRunner promises not to throw; if it does, the client still gets one line and an exit code
            err.println("error: " + e);
            code = 1;
        }
        out.flush();
        err.flush();
        return code;
    }
}
