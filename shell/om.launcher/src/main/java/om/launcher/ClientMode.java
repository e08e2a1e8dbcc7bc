package om.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** {@code client ARGS...}: through the daemon when it answers, else in an embedded framework. */
final class ClientMode {
    /** {@code om daemon restart}: how long the old daemon may take to go (its drain bound is 30 s). */
    /** Longer than a stopping daemon's own bound ({@link RootLock#STOP_WAIT}: its drains). */
    static final Duration STOP_WAIT = RootLock.STOP_WAIT.plusSeconds(5);
    static final Duration RETRY = Duration.ofSeconds(1);

    private ClientMode() {
    }

    static int run(Layout layout, ClientRequest request, InputStream in, PrintStream out, PrintStream err) {
        if (ServerTarget.present(request.args())) {
            // never the local daemon nor the embedded framework: the named server or an error
            return RemoteMode.run(layout, request, in, out, err);
        }
        SocketChannel channel;
        try {
            channel = BridgeClient.connect(layout.socket());
        } catch (IOException e) {
            err.println("error: cannot reach the daemon at " + layout.socket() + ": " + e.getMessage());
            return 1;
        }
        if (isDaemonVerb(request.args(), "start")) {
            return channel == null ? startDaemon(layout, err) : alreadyRunning(channel, out);
        }
        if (isDaemonVerb(request.args(), "restart")) {
            return restart(layout, channel, request, out, err);
        }
        if (channel == null) {
            return EmbeddedRunner.run(layout, request, in, out, err);
        }
        return throughDaemon(layout, channel, request, in, out, err);
    }

    /** Opens a new session link, or null when nothing answers (yet): what a retry waits for. */
    interface Connector {
        BridgeClient.Link connect() throws IOException;
    }

    static int throughDaemon(Layout layout, SocketChannel first, ClientRequest request, InputStream in,
                             PrintStream out, PrintStream err) {
        Connector local = () -> {
            SocketChannel ch = BridgeClient.connect(layout.socket());
            return ch == null ? null : BridgeClient.link(ch);
        };
        return relay(local, BridgeClient.link(first), request, in, out, err, "the daemon", null);
    }

    /**
     * Relays one command. SIGINT/SIGTERM: {@code --watch}, {@code --stats}, {@code --follow} end with 0 (the daemon
     * sees the hang-up); others forward the signal and wait for the exit code, a second signal exits 130 at once.
     * {@code --watch}/{@code --stats} outlive a daemon stop: one line on stderr, a connect every second, the request
     * again once the daemon is back. A refusal ({@link BridgeClient.RefusedException}: credentials, a certificate)
     * ends it, retried or not.
     *
     * @param peer      how errors name the other end
     * @param keepAlive how often a remote session says it is still there, null for the local socket
     */
    static int relay(Connector connector, BridgeClient.Link first, ClientRequest request, InputStream in,
                     PrintStream out, PrintStream err, String peer, Duration keepAlive) {
        boolean streaming = BridgeClient.isStreaming(request.args());
        boolean watch = request.args().contains("--watch") || request.args().contains("--stats");
        AtomicReference<BridgeClient.Session> current = new AtomicReference<>();
        Interrupts.install(name -> {
            BridgeClient.Session s = current.get();
            if (streaming) {
                exit(out, err, 0);
            } else if (s == null || !s.signal(name)) {
                exit(out, err, 130);
            }
        });
        BridgeClient.Link link = first;
        try {
            while (true) {
                BridgeClient.Session session = new BridgeClient.Session(link, in, peer, keepAlive);
                current.set(session);
                try (BridgeClient.Link l = link) {
                    return session.run(request, out, err);
                } catch (BridgeClient.LostException e) {
                    if (!watch) {
                        err.println("error: " + e.getMessage());
                        return 1;
                    }
                } catch (IOException e) {
                    err.println("error: " + e.getMessage());
                    return 1;
                }
                current.set(null);
                err.println("daemon connection lost, retrying");
                link = null;
                while (link == null) {
                    sleep(RETRY);
                    try {
                        link = connector.connect();
                    } catch (BridgeClient.RefusedException e) {
                        err.println("error: " + e.getMessage());
                        return 1;
                    } catch (IOException e) {
                        link = null;
                    }
                }
            }
        } finally {
            Interrupts.restore();
        }
    }

    private static void exit(PrintStream out, PrintStream err, int code) {
        out.flush();
        err.flush();
        Runtime.getRuntime().halt(code);
    }

    /**
     * {@code om daemon start|restart}: the verbs the daemon cannot run for itself. Exactly these two words: with
     * more ({@code --help}, an option they do not take) the command goes to the shell, which reads it as it reads
     * every command line, instead of the client ignoring the rest (and restarting the daemon for a {@code --help}).
     */
    static boolean isDaemonVerb(List<String> args, String verb) {
        return args.size() == 2 && args.get(0).equals("daemon") && args.get(1).equals(verb);
    }

    static boolean isDaemonStart(List<String> args) {
        return isDaemonVerb(args, "start");
    }

    /** Stop through the daemon, wait (bounded) for its socket and pid file to be gone, then start a new one. */
    private static int restart(Layout layout, SocketChannel channel, ClientRequest request, PrintStream out,
                               PrintStream err) {
        if (channel != null) {
            ClientRequest stop = new ClientRequest(List.of("daemon", "stop"), request.cwd(), request.env(),
                    request.tty(), request.width());
            int code;
            try (SocketChannel ch = channel) {
                code = BridgeClient.run(ch, stop, out, err);
            } catch (IOException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            if (code != 0) {
                return code;
            }
            long end = System.nanoTime() + STOP_WAIT.toNanos();
            while (BridgeClient.answers(layout.socket()) || Files.exists(layout.pidFile())) {
                if (System.nanoTime() > end) {
                    err.println("error: the daemon did not stop within " + STOP_WAIT.toSeconds() + "s");
                    return 1;
                }
                sleep(Duration.ofMillis(100));
            }
        }
        return startDaemon(layout, err);
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static ClientRequest requestOfThisProcess(List<String> args) {
        Map<String, String> env = System.getenv();
        return ClientRequest.ofProcess(args, env, System.console() != null);
    }
}
