package om.daemon.internal.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import om.api.cli.CommandRunner;
import om.api.cli.Invocation;

/** Serves one client connection: reads its request, runs the command with streamed output, sends the exit code. */
final class BridgeConnection implements Runnable {
    /** A client that connects and says nothing must not hold a thread forever. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final SocketChannel channel;
    private final CommandRunner runner;
    private final Path defaultCwd;
    private final ScheduledExecutorService timer;

    BridgeConnection(SocketChannel channel, CommandRunner runner, Path defaultCwd, ScheduledExecutorService timer) {
        this.channel = channel;
        this.runner = runner;
        this.defaultCwd = defaultCwd;
        this.timer = timer;
    }

    @Override
    public void run() {
        try (channel) {
            FrameWriter writer = new FrameWriter(Channels.newOutputStream(channel));
            BridgeRequest request;
            try {
                request = readRequest();
            } catch (ProtocolException e) {
                writer.write(Frame.STDERR, "error: " + e.getMessage() + "\n");
                writer.write(Frame.EXIT, "1");
                return;
            }
            int code = execute(request, writer);
            writer.write(Frame.EXIT, Integer.toString(code));
        } catch (IOException e) {
            // the client went away: nothing to report to, and the daemon carries on
        }
    }

    private BridgeRequest readRequest() throws IOException {
        ScheduledFuture<?> watchdog = timer.schedule(this::closeQuietly, REQUEST_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            return BridgeRequest.read(new FrameReader(Channels.newInputStream(channel)), defaultCwd);
        } finally {
            watchdog.cancel(false);
        }
    }

    private int execute(BridgeRequest request, FrameWriter writer) {
        // A PrintStream never throws: when the client disconnects mid-command the output is dropped and the
        // command runs to its end, as it would for a closed terminal.
        PrintStream out = new PrintStream(new FrameOutputStream(writer, Frame.STDOUT), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FrameOutputStream(writer, Frame.STDERR), true, StandardCharsets.UTF_8);
        Invocation invocation = new Invocation(request.args(), request.cwd(), request.env(), request.tty(),
                request.width(), InputStream.nullInputStream(), out, err);
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

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
