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
import java.util.concurrent.TimeUnit;
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
        List<String> cmd = new java.util.ArrayList<>(List.of(om.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("OM_ROOT", root.toString());
        pb.environment().put("OM_EXTRA", "x=1");
        pb.environment().put("NOT_FORWARDED", "secret");
        pb.environment().remove("JAVA_HOME");
        pb.redirectOutput(tmp.resolve("out").toFile());
        pb.redirectError(tmp.resolve("err").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "om returned");
        return new Result(p.exitValue(), Files.readString(tmp.resolve("out")), Files.readString(tmp.resolve("err")));
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
    void withoutDaemonItTurnsToTheEmbeddedJvm() throws Exception {
        // no socket and no lib/: the embedded path is taken and reports the missing jars
        Result r = run("ls");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: cannot list the om libraries"), r.err());
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
