package om.daemon.internal.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import om.api.cli.Invocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C bridge client (shell/om.launcher/src/main/c/om.c) against the real listener, when gcc is there. */
class CClientTest {
    private static final Path SOURCE = Path.of("../../shell/om.launcher/src/main/c/om.c");

    @TempDir
    Path tmp;

    private Path root;
    private Path om;
    private BridgeListener listener;
    private final AtomicReference<Invocation> seen = new AtomicReference<>();

    @BeforeEach
    void compile() throws Exception {
        assumeTrue(Files.exists(SOURCE), "om.c not found from " + Path.of("").toAbsolutePath());
        assumeTrue(onPath("gcc"), "gcc not on PATH");
        root = Files.createDirectories(tmp.resolve("root"));
        om = Files.createDirectories(tmp.resolve("dist/bin")).resolve("om");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-o", om.toString(), SOURCE.toString())
                .redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, gcc.waitFor(), out);
        assertEquals("", out, "om.c compiles without warnings");
    }

    @AfterEach
    void close() {
        if (listener != null) {
            listener.close();
        }
    }

    private void startListener() {
        listener = new BridgeListener(BridgeListener.socketPath(root), inv -> {
            seen.set(inv);
            inv.out().println("out " + String.join("|", inv.args()));
            inv.err().println("err line");
            inv.out().print("tail");
            return 42;
        }, root);
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(String... args) throws Exception {
        return finish(spawn(null, args));
    }

    /** bin/om in the background, stdin from {@code input} (null: inherited /dev/null of the test). */
    private Process spawn(Path input, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(om.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("OM_ROOT", root.toString());
        pb.environment().put("OM_EXTRA", "x=1");
        pb.environment().put("NOT_FORWARDED", "secret");
        pb.environment().remove("JAVA_HOME");
        pb.redirectOutput(tmp.resolve("out").toFile());
        pb.redirectError(tmp.resolve("err").toFile());
        pb.redirectInput(input != null ? input.toFile() : new java.io.File("/dev/null"));
        return pb.start();
    }

    private Result finish(Process p) throws Exception {
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "om returned");
        return new Result(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
    }

    private static void signal(Process p, String sig) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor());
    }

    private void awaitFile(String name, String text) throws Exception {
        long end = System.currentTimeMillis() + 10000;
        while (System.currentTimeMillis() < end) {
            if (Files.exists(tmp.resolve(name)) && Files.readString(tmp.resolve(name)).contains(text)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " never had '" + text + "': " + Files.readString(tmp.resolve(name)));
    }

    private void listen(om.api.cli.CommandRunner runner) {
        listener = new BridgeListener(BridgeListener.socketPath(root), runner, root);
    }

    private static int follow(Invocation inv) {
        while (!inv.out().checkError()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return 1;
            }
        }
        return 0;
    }

    @Test
    void pipedStdinReachesTheCommand() throws Exception {
        AtomicReference<String> got = new AtomicReference<>();
        listen(inv -> {
            try {
                got.set(new String(inv.in().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                got.set("failed: " + e.getMessage());
            }
            return 0;
        });
        StringBuilder big = new StringBuilder("[DEFAULT]\nnodes = n1\n");
        for (int i = 0; i < 20000; i++) {
            big.append("# line ").append(i).append('\n');
        }
        Path input = Files.writeString(tmp.resolve("in.conf"), big);
        Result r = finish(spawn(input, "x", "create", "--config", "-"));
        assertEquals(0, r.code(), r.err());
        assertEquals(big.toString(), got.get());
    }

    @Test
    void ctrlCIsForwardedAndTheExitCodeAwaited() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        listen(inv -> {
            started.countDown();
            while (!inv.cancel().isCancelled()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return 1;
                }
            }
            inv.err().println("failed start: " + inv.cancel().reason());
            return 1;
        });
        Process p = spawn(null, "web", "start");
        assertTrue(started.await(10, TimeUnit.SECONDS));
        signal(p, "INT");
        Result r = finish(p);
        assertEquals("failed start: interrupted\n", r.err());
        assertEquals(1, r.code(), "the command's exit code, not 130");
    }

    @Test
    void aSecondCtrlCExitsAtOnceWith130() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        listen(inv -> {
            started.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return 1;
            }
            return 0;
        });
        Process p = spawn(null, "web", "start");
        assertTrue(started.await(10, TimeUnit.SECONDS));
        signal(p, "INT");
        Thread.sleep(300);
        assertTrue(p.isAlive(), "the first Ctrl-C waits for the daemon's answer");
        signal(p, "INT");
        assertEquals(130, finish(p).code());
        release.countDown();
    }

    @Test
    void ctrlCEndsAFollowWithZero() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        listen(inv -> {
            started.countDown();
            int code = follow(inv);
            ended.countDown();
            return code;
        });
        Process p = spawn(null, "web", "logs", "--follow");
        assertTrue(started.await(10, TimeUnit.SECONDS));
        signal(p, "INT");
        assertEquals(0, finish(p).code());
        assertTrue(ended.await(5, TimeUnit.SECONDS), "the daemon saw the hang-up and ended the follow");
    }

    @Test
    void watchRetriesEverySecondUntilTheDaemonIsBack() throws Exception {
        AtomicInteger served = new AtomicInteger();
        om.api.cli.CommandRunner runner = inv -> {
            inv.out().println("frame " + served.incrementAndGet());
            return follow(inv);
        };
        listen(runner);
        Process p = spawn(null, "mon", "--watch");
        awaitFile("out", "frame 1");
        listener.close();
        awaitFile("err", "daemon connection lost, retrying");
        assertTrue(p.isAlive(), "still waiting for the daemon");
        Thread.sleep(1500);
        listen(runner);
        awaitFile("out", "frame 2");
        signal(p, "INT");
        Result r = finish(p);
        assertEquals(0, r.code());
        assertEquals("daemon connection lost, retrying\n", r.err(), "said once");
    }

    @Test
    void aDaemonThatNeverAnswersIsAnErrorAfterTheFirstAnswerBound() throws Exception {
        Path socket = BridgeListener.socketPath(root);
        Files.createDirectories(socket.getParent());
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(socket));
            long t0 = System.nanoTime();
            Result r = run("daemon", "status");
            long s = (System.nanoTime() - t0) / 1_000_000_000L;
            assertEquals(1, r.code());
            assertEquals("error: the daemon did not answer within 10s\n", r.err());
            assertTrue(s >= 9 && s < 20, "after " + s + " s");
        }
    }

    @Test
    void aMissingOmRootIsAnError() throws Exception {
        root = tmp.resolve("nowhere");
        Result r = run("ls");
        assertEquals(1, r.code());
        assertEquals("error: OM_ROOT " + root + " does not exist\n", r.err());
    }

    @Test
    void theOmRootOfAnErrorLineIsEscapedAndShortened() throws Exception {
        root = tmp.resolve("a\u001b[2Jb");
        Result r = run("ls");
        assertEquals(1, r.code());
        assertEquals("error: OM_ROOT " + tmp + "/a\\x1b[2Jb does not exist\n", r.err());
        root = tmp.resolve("x".repeat(200));
        r = run("ls");
        assertTrue(r.err().matches("error: OM_ROOT /\\S{79}\\.\\.\\.\\(\\d+ characters\\) does not exist\n"),
                r.err());
    }

    @Test
    void anOmRootThatIsAFileIsAnError() throws Exception {
        root = Files.writeString(tmp.resolve("afile"), "");
        Result r = run("ls");
        assertEquals(1, r.code());
        assertEquals("error: OM_ROOT " + root + " is not a directory\n", r.err());
    }

    @Test
    void relaysArgsEnvCwdOutputAndExitCode() throws Exception {
        startListener();
        Result r = run("ns1/svc/a b", "print", "status", "");
        assertEquals(42, r.code());
        assertEquals("out ns1/svc/a b|print|status|\ntail", r.out());
        assertEquals("err line\n", r.err());
        Invocation inv = seen.get();
        assertEquals(List.of("ns1/svc/a b", "print", "status", ""), inv.args());
        assertEquals(tmp.toRealPath(), inv.cwd().toRealPath());
        Map<String, String> env = inv.env();
        assertEquals("x=1", env.get("OM_EXTRA"));
        assertEquals(root.toString(), env.get("OM_ROOT"));
        assertTrue(env.containsKey("PATH"));
        assertFalse(env.containsKey("NOT_FORWARDED"));
        assertFalse(inv.tty());
    }

    @Test
    void daemonStartWithARunningDaemon() throws Exception {
        startListener();
        Result r = run("daemon", "start");
        assertEquals(0, r.code());
        assertEquals("daemon is already running\n", r.out());
        assertEquals(null, seen.get(), "no command reached the daemon");
    }

    @Test
    void daemonRestartWithMoreWordsIsACommandForTheShellNotARestart() throws Exception {
        startListener();
        Result r = run("daemon", "restart", "--help");
        assertEquals(42, r.code());
        assertEquals("out daemon|restart|--help\ntail", r.out());
        assertEquals(List.of("daemon", "restart", "--help"), seen.get().args());
    }

    @Test
    void withoutDaemonItTurnsToTheEmbeddedJvm() throws Exception {
        // no socket and no lib/: the embedded path is taken and reports the missing jars
        Result r = run("ls");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: cannot list the om libraries"), r.err());
    }

    @Test
    void withServerItTurnsToTheJavaClientNeverToTheLocalDaemon() throws Exception {
        startListener();
        for (String[] args : new String[][] {{"--server", "https://n2", "mon"}, {"--server=https://n2", "mon"}}) {
            // the Java client speaks TLS; with no lib/ here, its start reports the missing jars
            Result r = run(args);
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("error: cannot list the om libraries"), r.err());
        }
        assertEquals(null, seen.get(), "no command reached the local daemon");
        // --server elsewhere is the shell's to refuse, through the local daemon as any option
        assertEquals(42, run("mon", "--server", "https://n2").code());
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir.isEmpty() ? "." : dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
