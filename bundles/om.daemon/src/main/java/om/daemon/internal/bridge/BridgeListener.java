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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import om.api.Installation;
import om.api.OmException;
import om.api.cli.CommandRunner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Listens on {@code <root>/var/lsnr/cli.sock} and runs each client's command line through the CommandRunner.
 * The socket file is mode 0600 in a 0700 directory: the file permissions are the access control.
 */
@Component(immediate = true, service = {})
public final class BridgeListener {
    static final int MAX_CONNECTIONS = 64;

    private final Path socket;
    private final ServerSocketChannel server;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Thread acceptor;

    @Activate
    public BridgeListener(@Reference Installation installation, @Reference CommandRunner runner) {
        this(socketPath(installation.root()), runner, installation.root());
    }

    /** Opens the socket and starts accepting; {@code defaultCwd} is used for clients that send no cwd. */
    public BridgeListener(Path socket, CommandRunner runner, Path defaultCwd) {
        this.socket = socket;
        this.server = open(socket);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(MAX_CONNECTIONS,
                daemonThreads(() -> "om-bridge-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads(() -> "om-bridge-timer"));
        this.acceptor = daemonThreads(() -> "om-bridge-accept").newThread(() -> accept(runner, defaultCwd));
        this.acceptor.start();
    }

    public static Path socketPath(Path root) {
        return root.resolve("var").resolve("lsnr").resolve("cli.sock");
    }

    public Path socket() {
        return socket;
    }

    @Deactivate
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        workers.shutdownNow();
        timer.shutdownNow();
        try {
            acceptor.join(2000);
            Files.deleteIfExists(socket);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a leftover socket file is removed by the next daemon
        }
    }

    private void accept(CommandRunner runner, Path defaultCwd) {
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
            try {
                workers.execute(new BridgeConnection(client, runner, defaultCwd, timer));
            } catch (RejectedExecutionException e) {
                closeQuietly(client);
                return;
            }
        }
    }

    private static ServerSocketChannel open(Path socket) {
        try {
            Path dir = socket.getParent();
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            removeStale(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                server.bind(UnixDomainSocketAddress.of(socket), MAX_CONNECTIONS);
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
