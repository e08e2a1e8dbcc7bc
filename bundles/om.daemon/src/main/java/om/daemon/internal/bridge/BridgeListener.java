package om.daemon.internal.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import om.api.Installation;
import om.api.OmException;
import om.api.cli.CommandRunner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Listens on {@code <root>/var/lsnr/cli.sock} and runs each client's command line through the CommandRunner.
 * The socket file is mode 0600 in a 0700 directory: the file permissions are the access control.
 *
 * <p>Each connection has a thread of its own while it lasts (no fixed worker pool that idle or following clients
 * could fill for the others); {@link BridgeSettings#poolSize()} bounds them, and {@link BridgeSettings#reservedSize()}
 * more connections are kept for {@code om daemon status|stop}, so those get through a full daemon.
 */
@Component(immediate = true, service = BridgeSessions.class, configurationPid = BridgeListener.PID)
@Designate(ocd = BridgeConfig.class)
public final class BridgeListener implements BridgeSessions {
    static final String PID = "om.bridge";

    private final Path socket;
    private final CommandRunner runner;
    private final Path defaultCwd;
    private final BridgeSettings settings;
    private final ServerSocketChannel server;
    private final ExecutorService threads;
    private final ScheduledExecutorService timer;
    private final ExecutorService refusals;
    private final Semaphore pool;
    private final Semaphore reserved;
    private final Set<BridgeConnection> live = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closing;

    @Activate
    public BridgeListener(@Reference Installation installation, @Reference CommandRunner runner,
                          BridgeConfig config) {
        this(socketPath(installation.root()), runner, installation.root(), BridgeSettings.of(config));
    }

    /**
     * Opens the socket and starts accepting; {@code defaultCwd} is used for clients that send no cwd. Not public:
     * SCR tries every public constructor of the activation's arity and logs an error for this one at each start.
     */
    BridgeListener(Path socket, CommandRunner runner, Path defaultCwd) {
        this(socket, runner, defaultCwd, BridgeSettings.DEFAULTS);
    }

    BridgeListener(Path socket, CommandRunner runner, Path defaultCwd, BridgeSettings settings) {
        this.socket = socket;
        this.runner = runner;
        this.defaultCwd = defaultCwd;
        this.settings = settings;
        this.pool = new Semaphore(settings.poolSize());
        this.reserved = new Semaphore(settings.reservedSize());
        this.server = open(socket, settings.poolSize());
        AtomicInteger n = new AtomicInteger();
        // bounded by the two semaphores (a connection thread, plus a watcher while its command runs)
        this.threads = Executors.newCachedThreadPool(daemonThreads(() -> "om-bridge-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads(() -> "om-bridge-timer"));
        this.refusals = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.ArrayBlockingQueue<>(64), daemonThreads(() -> "om-bridge-refuse"));
        this.acceptor = daemonThreads(() -> "om-bridge-accept").newThread(this::accept);
        this.acceptor.start();
    }

    /**
     * A listener on {@code <root>/var/lsnr/cli.sock} with the default bounds, outside OSGi (tests of the node API's
     * {@code /api/cli}); a factory rather than a constructor, which SCR would try as well.
     */
    public static BridgeListener open(Path root, CommandRunner runner) {
        return new BridgeListener(socketPath(root), runner, root);
    }

    public static Path socketPath(Path root) {
        return root.resolve("var").resolve("lsnr").resolve("cli.sock");
    }

    public Path socket() {
        return socket;
    }

    /**
     * Stops accepting, then lets running commands end (up to the drain bound) without interrupting them: an
     * interrupted action could not write its closing log line and its rollback would be killed. Commands that run
     * until their client leaves ({@code --watch}, {@code --follow}) and those still running at the bound are
     * cancelled ("daemon stopping"); requests not yet complete are dropped.
     */
    @Deactivate
    public void close() {
        synchronized (this) {
            closing = true;
        }
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (BridgeConnection c : live) {
            BridgeRequest r = c.request();
            if (r == null) {
                c.closeQuietly();
            } else if (r.isStreaming()) {
                c.abort(BridgeConnection.STOPPING);
            }
        }
        awaitDrained(System.nanoTime() + settings.drainTimeout().toNanos());
        for (BridgeConnection c : live) {
            c.abort(BridgeConnection.STOPPING);
            c.closeQuietly();
        }
        threads.shutdown();
        refusals.shutdown();
        timer.shutdownNow();
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // a leftover socket file is removed by the next daemon
        }
    }

    private synchronized void awaitDrained(long deadline) {
        while (!live.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void ended(BridgeConnection c, Semaphore slot) {
        live.remove(c);
        slot.release();
        notifyAll();
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // transient (e.g. out of file descriptors): keep serving
                pause();
                continue;
            }
            if (closing) {
                closeQuietly(client);
                return;
            }
            Semaphore slot = pool.tryAcquire() ? pool : reserved.tryAcquire() ? reserved : null;
            if (slot == null) {
                refuse(client);
                continue;
            }
            BridgeConnection c = connection(BridgeLink.of(client), slot);
            try {
                threads.execute(c);
            } catch (RejectedExecutionException e) {
                ended(c, slot);
                closeQuietly(client);
                return;
            }
        }
    }

    private BridgeConnection connection(BridgeLink link, Semaphore slot) {
        BridgeConnection[] self = new BridgeConnection[1];
        self[0] = new BridgeConnection(link, runner, defaultCwd, settings, slot == reserved, timer, threads,
                () -> ended(self[0], slot));
        live.add(self[0]);
        return self[0];
    }

    /**
     * A session of the node API ({@code om --server}): in the caller's thread, from the same pool as the socket's
     * connections (its reserved lane included), drained and cancelled the same way at stop.
     */
    @Override
    public void serve(BridgeLink link) {
        BridgeConnection c = null;
        synchronized (this) {
            // under the lock close() takes to begin: a session either counts among the live ones or is refused
            Semaphore slot = closing ? null : pool.tryAcquire() ? pool : reserved.tryAcquire() ? reserved : null;
            if (slot != null) {
                c = connection(link, slot);
            }
        }
        if (c == null) {
            try {
                BridgeConnection.refuse(link, closing ? "error: the daemon is stopping"
                        : "error: the daemon is busy (" + settings.poolSize() + " connections), try again later",
                        timer);
            } catch (IOException | RejectedExecutionException e) {
                // it left already, or the daemon stopped meanwhile
            } finally {
                link.close();
            }
            return;
        }
        c.run();
    }

    /**
     * Pool and reserve full: one line and exit 1 at once, rather than a client left waiting. One thread answers
     * them in turn, a bounded queue of them; beyond that the connection is just closed.
     */
    private void refuse(SocketChannel client) {
        try {
            refusals.execute(() -> {
                try {
                    BridgeConnection.refuse(BridgeLink.of(client), "error: the daemon is busy (" + settings.poolSize()
                            + " connections), try again later", timer);
                } catch (IOException e) {
                    // it left already
                } finally {
                    closeQuietly(client);
                }
            });
        } catch (RejectedExecutionException e) {
            closeQuietly(client);
        }
    }

    private static ServerSocketChannel open(Path socket, int backlog) {
        try {
            Path dir = socket.getParent();
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            removeStale(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socket), backlog);
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            } catch (IOException e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + socket + ": " + e.getMessage(), e);
        }
    }

    /** A socket file nobody answers on is what a killed daemon leaves behind; a live one is another daemon. */
    private static void removeStale(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return;
        }
        if (answers(socket)) {
            throw new OmException("another daemon answers on " + socket);
        }
        Files.delete(socket);
    }

    static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ThreadFactory daemonThreads(Supplier<String> names) {
        return r -> {
            Thread t = new Thread(r, names.get());
            t.setDaemon(true);
            return t;
        };
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
