package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java client's stdin, signal, first-answer and retry behaviour against a scripted daemon. */
class BridgeClientSessionTest {
    @TempDir
    Path root;

    private ServerSocketChannel server;

    interface Script {
        void serve(int connection, DataInputStream in, OutputStream out) throws IOException;
    }

    private Layout layout() {
        return Layout.of(root.resolve("dist"), Map.of("OM_ROOT", root.toString()));
    }

    private void serve(Script script) throws IOException {
        Path socket = layout().socket();
        Files.createDirectories(socket.getParent());
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(() -> {
            AtomicInteger n = new AtomicInteger();
            while (server.isOpen()) {
                try (SocketChannel ch = server.accept()) {
                    DataInputStream in = new DataInputStream(BridgeClient.in(ch));
                    Frame f;
                    while ((f = Frame.read(in)) != null && f.type() != Frame.GO) {
                        // the request
                    }
                    script.serve(n.incrementAndGet(), in, BridgeClient.out(ch));
                } catch (IOException e) {
                    // next
                }
            }
        }, "scripted-daemon");
        t.setDaemon(true);
        t.start();
    }

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static ClientRequest request(String... args) {
        return new ClientRequest(List.of(args), Path.of("/tmp"), Map.of(), false, 80);
    }

    @Test
    void stdinIsSentChunkByChunkAsTheDaemonAsks() throws Exception {
        serve((c, in, out) -> {
            Frame.write(out, Frame.STARTED, "");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            while (true) {
                Frame.write(out, Frame.READ, "65536");
                Frame f = Frame.read(in);
                if (f.type() == Frame.INPUT_END) {
                    break;
                }
                assertTrue(f.payload().length <= 65536);
                got.write(f.payload());
            }
            Frame.write(out, Frame.STDOUT, got.toString(StandardCharsets.UTF_8));
            Frame.write(out, Frame.EXIT, "0");
        });
        byte[] data = new byte[200_000];
        Arrays.fill(data, (byte) 'k');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SocketChannel ch = BridgeClient.connect(layout().socket())) {
            int code = new BridgeClient.Session(BridgeClient.link(ch), new ByteArrayInputStream(data))
                    .run(request("x", "create", "--config", "-"), out, new ByteArrayOutputStream());
            assertEquals(0, code);
        }
        assertEquals(new String(data, StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRemoteSessionSaysItIsStillThereWhileTheCommandIsSilent() throws Exception {
        serve((c, in, out) -> {
            Frame.write(out, Frame.STARTED, "");
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                Frame f = Frame.read(in);
                assertEquals(Frame.KEEP_ALIVE, f.type());
                assertEquals(0, f.payload().length);
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Frame.write(out, Frame.STDOUT, "3 keep-alives in " + (ms >= 400 ? "at least" : "less than")
                    + " 2 periods\n");
            Frame.write(out, Frame.EXIT, "0");
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SocketChannel ch = BridgeClient.connect(layout().socket())) {
            int code = new BridgeClient.Session(BridgeClient.link(ch), new ByteArrayInputStream(new byte[0]),
                    "https://n2:1215", java.time.Duration.ofMillis(200))
                    .run(request("mon", "--watch"), out, new ByteArrayOutputStream());
            assertEquals(0, code);
        }
        // one each period, not a burst
        assertEquals("3 keep-alives in at least 2 periods\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSignalIsForwardedOnceAndTheExitCodeAwaited() throws Exception {
        serve((c, in, out) -> {
            Frame.write(out, Frame.STARTED, "");
            Frame f = Frame.read(in);
            Frame.write(out, Frame.STDERR, "failed start: " + (char) f.type() + " " + f.text() + "\n");
            Frame.write(out, Frame.EXIT, "1");
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (SocketChannel ch = BridgeClient.connect(layout().socket())) {
            BridgeClient.Session s = new BridgeClient.Session(BridgeClient.link(ch),
                    new ByteArrayInputStream(new byte[0]));
            CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> {
                try {
                    return s.run(request("web", "start"), new ByteArrayOutputStream(), err);
                } catch (IOException e) {
                    return -1;
                }
            });
            Thread.sleep(200);
            assertTrue(s.signal("INT"), "the first signal is forwarded");
            assertEquals(false, s.signal("INT"), "the second one is not: the caller exits 130");
            assertEquals(1, code.get(10, TimeUnit.SECONDS));
        }
        assertEquals("failed start: S INT\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aDaemonThatNeverAnswersIsAnErrorAfterTheFirstAnswerBound() throws Exception {
        serve((c, in, out) -> {
            while (Frame.read(in) != null) {
                // silent
            }
        });
        try (SocketChannel ch = BridgeClient.connect(layout().socket())) {
            long t0 = System.nanoTime();
            IOException e = assertThrows(BridgeClient.LostException.class,
                    () -> BridgeClient.run(ch, request("daemon", "status"), new ByteArrayOutputStream(),
                            new ByteArrayOutputStream()));
            assertEquals("the daemon did not answer within 10s", e.getMessage());
            long s = (System.nanoTime() - t0) / 1_000_000_000L;
            assertTrue(s >= 9 && s < 20, s + " s");
        }
    }

    @Test
    void watchRetriesAfterALostDaemonAndSendsTheRequestAgain() throws Exception {
        serve((c, in, out) -> {
            Frame.write(out, Frame.STARTED, "");
            Frame.write(out, Frame.STDOUT, "frame " + c + "\n");
            if (c > 1) {
                Frame.write(out, Frame.EXIT, "0");
            }
            // the first connection ends without an exit code, as when the daemon stops
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SocketChannel ch = BridgeClient.connect(layout().socket());
        int code = ClientMode.throughDaemon(layout(), ch, request("mon", "--watch"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, code);
        assertEquals("frame 1\nframe 2\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("daemon connection lost, retrying\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutWatchALostConnectionIsAnError() throws Exception {
        serve((c, in, out) -> Frame.write(out, Frame.STARTED, ""));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        SocketChannel ch = BridgeClient.connect(layout().socket());
        int code = ClientMode.throughDaemon(layout(), ch, request("mon"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true));
        assertEquals(1, code);
        assertEquals("error: the daemon closed the connection before the exit code\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
