package om.daemon.internal.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import om.api.cli.CommandRunner;
import om.api.cli.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8 items 1, 8, 9, 10, 13 and the drain of item 3, on the listener side. */
class BridgeRobustnessTest {
    @TempDir
    Path root;

    private BridgeListener listener;
    private final List<java.nio.channels.SocketChannel> opened = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (var ch : opened) {
            ch.close();
        }
        if (listener != null) {
            listener.close();
        }
    }

    private Path start(CommandRunner runner) {
        return start(runner, BridgeSettings.DEFAULTS);
    }

    private Path start(CommandRunner runner, BridgeSettings settings) {
        listener = new BridgeListener(BridgeListener.socketPath(root), runner, root, settings);
        return listener.socket();
    }

    /** A command like {@code logs --follow}: silent, it ends when its output stream errors. */
    private static int follow(Invocation inv) {
        while (!inv.out().checkError()) {
            sleep(20);
        }
        return 0;
    }

    private java.nio.channels.SocketChannel connect(Path socket, String... args) throws IOException {
        var ch = TestClient.connect(socket);
        opened.add(ch);
        TestClient.sendRequest(ch, root, List.of(), List.of(args));
        Frame k = new FrameReader(ChannelStreams.in(ch)).read();
        assertEquals(Frame.STARTED, k.type(), "the command started: early K frame");
        return ch;
    }

    @Test
    void aClientThatHangsUpCancelsItsCommandAtOnce() throws Exception {
        AtomicReference<String> reason = new AtomicReference<>();
        CountDownLatch returned = new CountDownLatch(1);
        Path socket = start(inv -> {
            while (!inv.cancel().isCancelled()) {
                sleep(10);
            }
            reason.set(inv.cancel().reason());
            returned.countDown();
            return 0;
        });
        connect(socket, "web", "start").close();
        assertTrue(returned.await(3, TimeUnit.SECONDS), "the hang-up was seen while the command ran");
        assertEquals("client disconnected", reason.get());
    }

    @Test
    void aSilentFollowEndsWhenItsClientLeaves() throws Exception {
        CountDownLatch returned = new CountDownLatch(1);
        Path socket = start(inv -> {
            int code = follow(inv);
            returned.countDown();
            return code;
        });
        connect(socket, "web", "logs", "--follow").close();
        assertTrue(returned.await(3, TimeUnit.SECONDS), "the follow loop saw its output fail");
    }

    @Test
    void idleConnectionsDoNotDelayOtherCommands() throws Exception {
        Path socket = start(inv -> {
            inv.out().println("ok");
            return 0;
        });
        for (int i = 0; i < 100; i++) {
            opened.add(TestClient.connect(socket));
        }
        long t0 = System.nanoTime();
        TestClient.Reply r = TestClient.run(socket, root, List.of(), "ls");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("ok\n", r.stdout());
        assertTrue(ms < 2000, "answered in " + ms + " ms with 100 idle connections");
    }

    @Test
    void sixtyFourFollowersDoNotBlockDaemonStatusOrStop() throws Exception {
        Path socket = start(inv -> {
            if (inv.args().contains("--follow")) {
                return follow(inv);
            }
            inv.out().println(String.join(" ", inv.args()));
            return 0;
        });
        for (int i = 0; i < 64; i++) {
            connect(socket, "web", "logs", "--follow");
        }
        long t0 = System.nanoTime();
        assertEquals("daemon status\n", TestClient.run(socket, root, List.of(), "daemon", "status").stdout());
        assertEquals("ls\n", TestClient.run(socket, root, List.of(), "ls").stdout());
        assertEquals("daemon stop\n", TestClient.run(socket, root, List.of(), "daemon", "stop").stdout());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "answered in " + ms + " ms beside 64 followers");
    }

    @Test
    void aFullPoolKeepsALaneForDaemonStatusAndStopAndRefusesTheRestAtOnce() throws Exception {
        Path socket = start(inv -> {
            if (inv.args().contains("--follow")) {
                return follow(inv);
            }
            inv.out().println(String.join(" ", inv.args()));
            return 0;
        }, BridgeSettings.DEFAULTS.withPool(4, 1));
        List<java.nio.channels.SocketChannel> followers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            followers.add(connect(socket, "web", "logs", "--follow"));
        }
        assertEquals("daemon status\n", TestClient.run(socket, root, List.of(), "daemon", "status").stdout());
        TestClient.Reply busy = TestClient.run(socket, root, List.of(), "ls");
        assertEquals("error: the daemon is busy (4 connections), try again later\n", busy.stderr());
        assertEquals(1, busy.exit());
        followers.get(0).close();
        long end = System.currentTimeMillis() + 3000;
        String out = "";
        while (!out.equals("ls\n") && System.currentTimeMillis() < end) {
            out = TestClient.run(socket, root, List.of(), "ls").stdout();
        }
        assertEquals("ls\n", out, "a slot is free again once a follower left");
    }

    @Test
    void stdinIsCarriedInChunksAsTheCommandReadsIt() throws Exception {
        AtomicReference<byte[]> got = new AtomicReference<>();
        Path socket = start(inv -> {
            try {
                got.set(inv.in().readAllBytes());
            } catch (IOException e) {
                inv.err().println("error: " + e.getMessage());
                return 1;
            }
            return 0;
        });
        byte[] data = new byte[200_000];
        Arrays.fill(data, (byte) 'x');
        data[0] = '[';
        data[data.length - 1] = '\n';
        try (var ch = TestClient.connect(socket)) {
            TestClient.sendRequest(ch, root, List.of(), List.of("x", "create", "--config", "-"),
                    List.of(Frame.text(Frame.FEATURES, "stdin")));
            FrameReader reader = new FrameReader(ChannelStreams.in(ch));
            FrameWriter writer = new FrameWriter(ChannelStreams.out(ch));
            int sent = 0;
            int asks = 0;
            Frame f;
            while ((f = reader.read()) != null && f.type() != Frame.EXIT) {
                if (f.type() == Frame.READ) {
                    asks++;
                    int n = Math.min(Integer.parseInt(f.text()), data.length - sent);
                    if (n == 0) {
                        writer.write(Frame.INPUT_END, "");
                    } else {
                        writer.write(Frame.INPUT, data, sent, n);
                        sent += n;
                    }
                }
            }
            assertEquals("0", f.text());
            assertTrue(asks >= 4, "asked chunk by chunk: " + asks);
        }
        assertTrue(Arrays.equals(data, got.get()), "the command read the whole input");
    }

    @Test
    void aClientWithoutTheStdinFeatureGivesAnEmptyInput() throws Exception {
        AtomicReference<Integer> first = new AtomicReference<>();
        Path socket = start(inv -> {
            try {
                first.set(inv.in().read());
            } catch (IOException e) {
                first.set(-2);
            }
            return 0;
        });
        TestClient.Reply r = TestClient.run(socket, root, List.of(), "x", "create", "--config", "-");
        assertEquals(0, r.exit());
        assertEquals(-1, first.get());
        assertTrue(r.frames().stream().noneMatch(f -> f.type() == Frame.READ), "no R to an old client");
    }

    @Test
    void aForwardedSignalCancelsWithInterruptedAndTheExitCodeStillComes() throws Exception {
        Path socket = start(inv -> {
            while (!inv.cancel().isCancelled()) {
                sleep(10);
            }
            inv.err().println("failed start: " + inv.cancel().reason());
            return 130;
        });
        try (var ch = TestClient.connect(socket)) {
            TestClient.sendRequest(ch, root, List.of(), List.of("web", "start"));
            FrameReader reader = new FrameReader(ChannelStreams.in(ch));
            assertEquals(Frame.STARTED, reader.read().type());
            new FrameWriter(ChannelStreams.out(ch)).write(Frame.SIGNAL, "INT");
            List<Frame> frames = new ArrayList<>();
            Frame f;
            while ((f = reader.read()) != null) {
                frames.add(f);
            }
            TestClient.Reply r = new TestClient.Reply(frames);
            assertEquals("failed start: interrupted\n", r.stderr());
            assertEquals(130, r.exit());
        }
    }

    @Test
    void aRequestOverTheBoundIsRefusedBeforeItIsRead() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Path socket = start(inv -> {
            ran.set(true);
            return 0;
        });
        byte[] big = new byte[600 * 1024];
        Arrays.fill(big, (byte) 'a');
        try (var ch = TestClient.connect(socket)) {
            FrameWriter w = new FrameWriter(ChannelStreams.out(ch));
            try {
                w.write(Frame.VERSION, "1");
                w.write(Frame.ARG, big, 0, big.length);
                w.write(Frame.ARG, big, 0, big.length);
                w.write(Frame.GO, "");
            } catch (IOException e) {
                // the daemon closed while we were still sending: its answer is there to read
            }
            TestClient.Reply r = TestClient.readReply(ch);
            assertEquals("error: request too large (more than 1048576 bytes)\n", r.stderr());
            assertEquals(1, r.exit());
        }
        // a header announcing 251 MiB is refused from the header alone
        try (var ch = TestClient.connect(socket)) {
            FrameWriter w = new FrameWriter(ChannelStreams.out(ch));
            w.write(Frame.VERSION, "1");
            int n = 251 << 20;
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {Frame.ARG, (byte) (n >>> 24), (byte) (n >>> 16),
                (byte) (n >>> 8), (byte) n}));
            TestClient.Reply r = TestClient.readReply(ch);
            assertEquals("error: request too large (more than 1048576 bytes)\n", r.stderr());
        }
        try (var ch = TestClient.connect(socket)) {
            FrameWriter w = new FrameWriter(ChannelStreams.out(ch));
            try {
                w.write(Frame.VERSION, "1");
                for (int i = 0; i < 20_000; i++) {
                    w.write(Frame.ARG, "a");
                }
            } catch (IOException e) {
                // closed by the daemon
            }
            TestClient.Reply r = TestClient.readReply(ch);
            assertEquals("error: request too large (more than 10000 frames)\n", r.stderr());
        }
        assertFalse(ran.get(), "no command ran");
    }

    @Test
    void closeLetsARunningCommandEndWithoutInterruptingIt() throws Exception {
        AtomicBoolean interrupted = new AtomicBoolean();
        Path socket = start(inv -> {
            long end = System.currentTimeMillis() + 700;
            while (System.currentTimeMillis() < end) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            }
            inv.out().println("done");
            return 0;
        });
        try (var ch = TestClient.connect(socket)) {
            TestClient.sendRequest(ch, root, List.of(), List.of("web", "start"));
            FrameReader reader = new FrameReader(ChannelStreams.in(ch));
            assertEquals(Frame.STARTED, reader.read().type());
            CompletableFuture<Void> closing = CompletableFuture.runAsync(listener::close);
            List<Frame> frames = new ArrayList<>();
            Frame f;
            while ((f = reader.read()) != null) {
                frames.add(f);
            }
            closing.get(10, TimeUnit.SECONDS);
            listener = null;
            TestClient.Reply r = new TestClient.Reply(frames);
            assertEquals("done\n", r.stdout());
            assertEquals(0, r.exit());
        }
        assertFalse(interrupted.get(), "the command's thread was not interrupted");
        assertFalse(BridgeListener.answers(socket), "no new connection once closing");
    }

    @Test
    void closeEndsFollowersAtOnceAndCancelsWhatOutlivesTheDrainBound() throws Exception {
        AtomicReference<String> reason = new AtomicReference<>();
        Path socket = start(inv -> {
            if (inv.args().contains("--watch")) {
                return follow(inv);
            }
            long end = System.currentTimeMillis() + 5000;
            while (!inv.cancel().isCancelled() && System.currentTimeMillis() < end) {
                sleep(10);
            }
            reason.set(inv.cancel().reason());
            return 1;
        }, BridgeSettings.DEFAULTS.withDrainTimeout(Duration.ofMillis(300)));
        connect(socket, "mon", "--watch");
        connect(socket, "web", "start");
        long t0 = System.nanoTime();
        listener.close();
        listener = null;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "closed in " + ms + " ms");
        long end = System.currentTimeMillis() + 2000;
        while (reason.get() == null && System.currentTimeMillis() < end) {
            sleep(10);
        }
        assertEquals("daemon stopping", reason.get());
    }

    @Test
    void stdinReadFailsWhenTheClientLeaves() throws Exception {
        AtomicReference<String> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Path socket = start(inv -> {
            try {
                byte[] b = inv.in().readAllBytes();
                outcome.set("read " + new String(b, StandardCharsets.UTF_8));
            } catch (IOException e) {
                outcome.set(e.getMessage());
            }
            done.countDown();
            return 0;
        });
        try (var ch = TestClient.connect(socket)) {
            TestClient.sendRequest(ch, root, List.of(), List.of("x", "create", "--config", "-"),
                    List.of(Frame.text(Frame.FEATURES, "stdin")));
            FrameReader reader = new FrameReader(ChannelStreams.in(ch));
            assertEquals(Frame.STARTED, reader.read().type());
            assertEquals(Frame.READ, reader.read().type());
            new FrameWriter(ChannelStreams.out(ch)).write(Frame.INPUT, "[DEFAULT]\n");
            assertEquals(Frame.READ, reader.read().type());
        }
        assertTrue(done.await(3, TimeUnit.SECONDS));
        assertEquals("stdin: client disconnected", outcome.get(), "a partial input is not taken as complete");
        assertNull(null);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
