package om.launcher;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The Java side of the bridge (PROTOCOL.md): connects to the daemon's socket and relays one command. */
final class BridgeClient {
    /** The bound to the daemon's first frame ({@code K} comes as soon as the command starts). */
    static final Duration FIRST_ANSWER = Duration.ofSeconds(10);
    /** Options after which a command runs until interrupted: Ctrl-C ends them with 0. */
    static final Set<String> STREAMING = Set.of("--watch", "--stats", "--follow");

    private BridgeClient() {
    }

    /**
     * What carries a session: the Unix socket ({@link #link(SocketChannel)}) or the node API exchange of
     * {@code om --server} ({@link RemoteLink}). Frames are flushed one by one.
     */
    interface Link extends java.io.Closeable {
        InputStream in();

        OutputStream out();

        @Override
        void close();
    }

    static Link link(SocketChannel ch) {
        InputStream in = in(ch);
        OutputStream out = out(ch);
        return new Link() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public void close() {
                try {
                    ch.close();
                } catch (IOException e) {
                    // closed already
                }
            }
        };
    }

    /** A definite answer that is not a session (a refusal of the server): retrying would get it again. */
    static final class RefusedException extends IOException {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /** The connection ended without an exit code (or nothing came within the first-answer bound). */
    static final class LostException extends IOException {
        private static final long serialVersionUID = 1L;

        LostException(String message) {
            super(message);
        }
    }

    /**
     * Connects to the daemon. A Unix socket connect does not wait: it succeeds, or fails at once (refused when
     * the daemon is gone, "resource temporarily unavailable" when its backlog is full), so the 1 s bound of the
     * spec holds without a timer.
     *
     * @return the connected channel, or null when no daemon runs (no socket file, or nobody listening on it)
     * @throws IOException any other failure, such as a socket the caller may not open
     */
    static SocketChannel connect(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return null;
        }
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return ch;
        } catch (SocketException e) {
            ch.close();
            String m = String.valueOf(e.getMessage());
            if (m.contains("refused") || m.contains("No such file")) {
                return null;
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static boolean answers(Path socket) {
        try (SocketChannel ch = connect(socket)) {
            return ch != null;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean isStreaming(List<String> args) {
        return args.stream().anyMatch(STREAMING::contains);
    }

    /** Sends the request, copies output frames as they come, and returns the daemon's exit code. */
    static int run(SocketChannel ch, ClientRequest request, OutputStream out, OutputStream err) throws IOException {
        return new Session(link(ch), InputStream.nullInputStream()).run(request, out, err);
    }

    /**
     * One command over one connection; {@link #signal(String)} may be called from another thread (a signal
     * handler), and stdin is read on a thread of its own so output keeps flowing while the client waits for it.
     */
    static final class Session {
        /** How often a remote session tells its server it is still there (the server's idle timeout is 60 s). */
        static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
        private final Link link;
        private final InputStream stdin;
        private final OutputStream wire;
        private final String peer;
        private final Duration keepAlive;
        private volatile boolean answered;
        private volatile boolean timedOut;
        private boolean forwarded;

        Session(Link link, InputStream stdin) {
            this(link, stdin, "the daemon", null);
        }

        /**
         * @param peer      how errors name the other end ("the daemon", "https://n2:1215")
         * @param keepAlive how often to send a keep-alive frame while the command runs, null for never
         */
        Session(Link link, InputStream stdin, String peer, Duration keepAlive) {
            this.link = link;
            this.stdin = stdin;
            this.wire = link.out();
            this.peer = peer;
            this.keepAlive = keepAlive;
        }

        /**
         * Forwards a signal as an {@code S} frame; false when one was forwarded already (the caller then exits
         * with 130).
         */
        synchronized boolean signal(String name) {
            if (forwarded) {
                return false;
            }
            forwarded = true;
            try {
                send(Frame.SIGNAL, name.getBytes(java.nio.charset.StandardCharsets.UTF_8), name.length());
            } catch (IOException e) {
                // the connection is gone: the relay loop reports it
            }
            return true;
        }

        private void send(byte type, byte[] b, int n) throws IOException {
            synchronized (wire) {
                Frame.write(wire, type, b, n);
                wire.flush();
            }
        }

        int run(ClientRequest request, OutputStream out, OutputStream err) throws IOException {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "om-client-timer");
                t.setDaemon(true);
                return t;
            });
            ScheduledFuture<?> bound = timer.schedule(() -> {
                if (!answered) {
                    timedOut = true;
                    closeQuietly();
                }
            }, FIRST_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
            if (keepAlive != null) {
                timer.scheduleAtFixedRate(() -> {
                    try {
                        send(Frame.KEEP_ALIVE, new byte[0], 0);
                    } catch (IOException e) {
                        // the relay loop sees the connection end
                    }
                }, keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS);
            }
            try {
                sendRequest(request);
                return relay(out, err);
            } catch (IOException e) {
                if (timedOut) {
                    throw new LostException(peer + " did not answer within " + FIRST_ANSWER.toSeconds() + "s");
                }
                if (e instanceof RefusedException || e instanceof LostException) {
                    throw e;
                }
                throw new LostException("lost the connection to " + peer + ": " + e.getMessage());
            } finally {
                bound.cancel(false);
                timer.shutdownNow();
            }
        }

        private void sendRequest(ClientRequest request) throws IOException {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            Frame.write(b, Frame.VERSION, "1");
            for (String a : request.args()) {
                Frame.write(b, Frame.ARG, a);
            }
            if (request.cwd() != null) {
                Frame.write(b, Frame.CWD, request.cwd().toString());
            }
            for (Map.Entry<String, String> e : request.env().entrySet()) {
                Frame.write(b, Frame.ENV, e.getKey() + "=" + e.getValue());
            }
            Frame.write(b, Frame.TTY, request.tty() ? "1" : "0");
            Frame.write(b, Frame.WIDTH, Integer.toString(request.width()));
            Frame.write(b, Frame.FEATURES, "stdin");
            Frame.write(b, Frame.GO, "");
            synchronized (wire) {
                b.writeTo(wire);
                wire.flush();
            }
        }

        private int relay(OutputStream out, OutputStream err) throws IOException {
            DataInputStream in = new DataInputStream(new BufferedInputStream(link.in()));
            Frame f;
            while ((f = Frame.read(in)) != null) {
                answered = true;
                switch (f.type()) {
                    case Frame.STDOUT -> copy(out, f.payload());
                    case Frame.STDERR -> copy(err, f.payload());
                    case Frame.READ -> answerRead(parseInt(f.text()));
                    case Frame.EXIT -> {
                        return parseExit(f.text());
                    }
                    default -> {
                        // K, or a reply frame this client does not know: newer daemon, nothing to show
                    }
                }
            }
            throw new LostException(peer + " closed the connection before the exit code");
        }

        /** One read of stdin, on its own thread: a terminal may keep it waiting while output still comes. */
        private void answerRead(int asked) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[Math.max(1, Math.min(asked, 64 * 1024))];
                int n;
                try {
                    n = stdin.read(buf);
                } catch (IOException e) {
                    n = -1;
                }
                try {
                    if (n > 0) {
                        send(Frame.INPUT, buf, n);
                    } else {
                        send(Frame.INPUT_END, new byte[0], 0);
                    }
                } catch (IOException e) {
                    // the relay loop sees the connection end
                }
            }, "om-client-stdin");
            t.setDaemon(true);
            t.start();
        }

        private void closeQuietly() {
            link.close();
        }
    }

    private static void copy(OutputStream to, byte[] bytes) {
        try {
            to.write(bytes);
            to.flush();
        } catch (IOException e) {
            // a closed stdout (om ... | head) must not hide the exit code: output is dropped
        }
    }

    private static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 64 * 1024;
        }
    }

    private static int parseExit(String text) throws IOException {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IOException("bad exit code from the daemon: '" + text + "'");
        }
    }

    /**
     * Streams that let one thread read while others write: {@code Channels.newInputStream} holds the channel's
     * blocking lock for the whole read, which would block a forwarded signal or a stdin answer.
     */
    static InputStream in(SocketChannel ch) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : ch.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    static OutputStream out(SocketChannel ch) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(b, off, len);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
        };
    }
}
