package om.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** {@code client ARGS...}: through the daemon when it answers, else in an embedded framework. */
final class ClientMode {
    private ClientMode() {
    }

    static int run(Layout layout, ClientRequest request, InputStream in, PrintStream out, PrintStream err) {
        SocketChannel channel;
        try {
            channel = BridgeClient.connect(layout.socket());
        } catch (IOException e) {
            err.println("error: cannot reach the daemon at " + layout.socket() + ": " + e.getMessage());
            return 1;
        }
        if (isDaemonStart(request.args())) {
            return channel == null ? startDaemon(layout, err) : alreadyRunning(channel, out);
        }
        if (channel == null) {
            return EmbeddedRunner.run(layout, request, in, out, err);
        }
        try (channel) {
            return BridgeClient.run(channel, request, out, err);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** {@code om daemon start}: the one verb the daemon cannot run for itself. */
    static boolean isDaemonStart(List<String> args) {
        return args.size() >= 2 && args.get(0).equals("daemon") && args.get(1).equals("start");
    }

    private static int alreadyRunning(SocketChannel channel, PrintStream out) {
        try {
            channel.close();
        } catch (IOException e) {
            // only probing
        }
        out.println("daemon is already running");
        return 0;
    }

    private static int startDaemon(Layout layout, PrintStream err) {
        if (!Files.isExecutable(layout.omd())) {
            err.println("error: cannot start the daemon: " + layout.omd() + " is missing");
            return 1;
        }
        try {
            Process p = new ProcessBuilder(layout.omd().toString(), "--daemon").inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            err.println("error: cannot start the daemon: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static ClientRequest requestOfThisProcess(List<String> args) {
        Map<String, String> env = System.getenv();
        return ClientRequest.ofProcess(args, env, System.console() != null);
    }
}
