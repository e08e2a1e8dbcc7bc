package om.daemon.internal.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import om.api.cli.CommandRunner;
import om.api.cli.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeListenerTest {
    @TempDir
    Path root;

    private BridgeListener listener;

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    private Path start(CommandRunner runner) {
        listener = new BridgeListener(BridgeListener.socketPath(root), runner, root);
        return listener.socket();
    }

    @Test
    void argsEnvCwdAndTerminalFactsReachTheCommand() throws IOException {
        AtomicReference<Invocation> seen = new AtomicReference<>();
        Path socket = start(inv -> {
            seen.set(inv);
            inv.out().println("ran " + String.join(" ", inv.args()));
            return 0;
        });
        TestClient.Reply reply = TestClient.run(socket, Path.of("/tmp"), List.of("OM_NODENAME=n1", "TERM=dumb"),
                "ns1/svc/web1", "print", "status", "--format", "json");
        assertEquals("ran ns1/svc/web1 print status --format json\n", reply.stdout());
        assertEquals(0, reply.exit());
        Invocation inv = seen.get();
        assertEquals(List.of("ns1/svc/web1", "print", "status", "--format", "json"), inv.args());
        assertEquals(Path.of("/tmp"), inv.cwd());
        assertEquals(Map.of("OM_NODENAME", "n1", "TERM", "dumb"), inv.env());
        assertFalse(inv.tty());
        assertEquals(80, inv.width());
        assertEquals(-1, inv.in().read());
    }

    @Test
    void stdoutAndStderrKeepTheirOrderAndTheExitCodeComesLast() throws IOException {
        Path socket = start(inv -> {
            inv.out().print("one ");
            inv.err().println("two");
            inv.out().println("three");
            inv.err().print("four");
            return 3;
        });
        TestClient.Reply reply = TestClient.run(socket, root, List.of());
        List<String> sequence = reply.frames().stream().map(f -> (char) f.type() + ":" + f.text()).toList();
        assertEquals(List.of("K:", "O:one ", "E:two\n", "O:three\n", "E:four", "X:3"), sequence,
                "the early K frame first, then the output in order, the exit code last");
    }

    @Test
    void outputIsStreamedWhileTheCommandRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Path socket = start(inv -> {
            inv.out().println("first");
            await(release);
            inv.out().println("second");
            return 0;
        });
        try (SocketChannel ch = TestClient.connect(socket)) {
            TestClient.sendRequest(ch, root, List.of(), List.of("mon"));
            FrameReader reader = new FrameReader(Channels.newInputStream(ch));
            Frame first = TestClient.readOutput(reader);
            assertEquals("first\n", first.text(), "first line arrives before the command ends");
            release.countDown();
            assertEquals("second\n", reader.read().text());
            assertEquals("0", reader.read().text());
        }
    }

    @Test
    void clientLeavingMidCommandDoesNotBreakTheDaemon() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Path socket = start(inv -> {
            if (inv.args().contains("slow")) {
                inv.out().println("started");
                await(release);
                for (int i = 0; i < 1000; i++) {
                    inv.out().println("line " + i);
                }
                finished.countDown();
                return 0;
            }
            inv.out().println("still serving");
            return 0;
        });
        try (SocketChannel ch = TestClient.connect(socket)) {
            TestClient.sendRequest(ch, root, List.of(), List.of("slow"));
            assertEquals("started\n", TestClient.readOutput(new FrameReader(Channels.newInputStream(ch))).text());
        }
        release.countDown();
        assertTrue(finished.await(10, TimeUnit.SECONDS), "the command ran to its end");
        TestClient.Reply reply = TestClient.run(socket, root, List.of(), "ls");
        assertEquals("still serving\n", reply.stdout());
        assertEquals(0, reply.exit());
    }

    @Test
    void protocolErrorsGetAnErrorLineAndExitOne() throws IOException {
        Path socket = start(inv -> 0);
        try (SocketChannel ch = TestClient.connect(socket)) {
            FrameWriter w = new FrameWriter(Channels.newOutputStream(ch));
            w.write(Frame.VERSION, "9");
            TestClient.Reply reply = TestClient.readReply(ch);
            assertEquals("error: unsupported protocol version '9' (daemon speaks 1)\n", reply.stderr());
            assertEquals(1, reply.exit());
        }
    }

    @Test
    void aThrowingRunnerStillAnswersWithExitOne() throws IOException {
        Path socket = start(inv -> {
            throw new IllegalStateException("boom");
        });
        TestClient.Reply reply = TestClient.run(socket, root, List.of());
        assertTrue(reply.stderr().startsWith("error: "), reply.stderr());
        assertEquals(1, reply.exit());
    }

    @Test
    void socketIsPrivateAndRemovedOnClose() throws IOException {
        Path socket = start(inv -> 0);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
        listener.close();
        listener = null;
        assertFalse(Files.exists(socket));
        assertFalse(BridgeListener.answers(socket));
    }

    @Test
    void staleSocketIsReplacedButALiveDaemonIsNot() throws IOException {
        Path socket = BridgeListener.socketPath(root);
        Files.createDirectories(socket.getParent());
        // a bound then closed server leaves a socket file nobody answers on, like a killed daemon
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        start(inv -> 7);
        assertEquals(7, TestClient.run(socket, root, List.of()).exit());
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new BridgeListener(socket, inv -> 0, root));
        assertTrue(e.getMessage().contains("another daemon answers"), e.getMessage());
        assertEquals(7, TestClient.run(socket, root, List.of()).exit(), "the first daemon keeps its socket");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
