package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * {@code om --server https://<node>[:<port>] ...} (heartbeats-and-daemon section 7) between two lab nodes: from
 * n1, commands run by n2's daemon over its node API with n1's credentials, as n2 runs them itself; refusals and an
 * unreachable daemon are one line and exit 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.LAB)
class ServerOptionE2EIT {
    private static Lab lab;
    private static final String N2 = "https://" + Lab.addr("n2", 1);

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.up(2, "--fast");
        lab.awaitFormed(Duration.ofSeconds(60));
        // the listener opens at the daemon's last start level, after the bridge answers
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lab.exec("n1", "curl", "-sk", "-o", "/dev/null", "--max-time", "5", N2 + ":1215/").exit() == 7
                && System.nanoTime() < end) {
            Thread.sleep(500);
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    /** A shell line inside n1 (pipes, background jobs, signals). */
    private static Lab.Result sh(String node, String line) throws Exception {
        return lab.exec(node, "sh", "-c", line);
    }

    private static void assertOneLineError(String expected, Lab.Result r) {
        assertEquals(1, r.exit(), r.toString());
        assertEquals("", r.out(), r.toString());
        assertEquals(expected + "\n", r.err().lines().filter(l -> !l.startsWith("warning: first use of "))
                .reduce("", (a, b) -> a + b + "\n"), r.toString());
    }

    @Test
    @Order(1)
    void monThroughTheServerIsN2sView() throws Exception {
        Lab.Result r = lab.om("n1", "--server", N2, "mon");
        assertEquals(0, r.exit(), r.toString());
        Mon remote = Mon.parse(r.out());
        assertEquals(List.of("n1", "n2"), remote.columns("Threads"));
        // n2's own view: "/" in its own hb cells, "O" for n1
        assertEquals("/", remote.cell("Threads", "hb#1.rx", "n2"), remote.toString());
        assertEquals("O", remote.cell("Threads", "hb#1.rx", "n1"), remote.toString());
        // the first contact pinned n2's key for that address in n1's var/certs/servers
        Path pin = lab.root("n1").resolve("var/certs/servers/" + Lab.addr("n2", 1) + "_1215");
        assertTrue(Files.isRegularFile(pin), "pin " + pin);
        Lab.Result again = lab.om("n1", "--server", N2 + ":1215", "mon");
        assertEquals(0, again.exit(), again.toString());
        assertFalse(again.err().contains("first use"), "pinned already: " + again);
    }

    @Test
    @Order(2)
    void aLocalActionThroughTheServerRunsOnN2AndPrintStatusIsN2s() throws Exception {
        // stdin travels too: the config is n1's standard input
        Lab.Result r = sh("n1", "printf '[DEFAULT]\\nnodes = n2\\norchestrate = no\\n\\n[app#0]\\ntype = simple\\n"
                + "start = /bin/sleep 1017\\n' | om --server " + N2 + " srv1 create --config -");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.isRegularFile(lab.root("n2").resolve("etc/srv1.conf")), "created on n2");
        assertFalse(Files.exists(lab.root("n1").resolve("etc/srv1.conf")), "not on n1 (not in its scope)");
        r = lab.om("n1", "--server", N2, "srv1", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("n2.srv1.app#0"), r.toString());
        // the app runs in n2's namespaces, started by n2's daemon
        // -x: the whole command line, not the nsenter that runs pgrep (whose arguments hold the pattern)
        Lab.Result ps = lab.exec("n2", "pgrep", "-fx", "/bin/sleep 1017");
        assertEquals(0, ps.exit(), ps.toString());
        String pid = ps.out().strip().split("\n")[0];
        String n2Net = lab.exec("n2", "readlink", "/proc/self/ns/net").out().strip();
        assertEquals(n2Net, lab.exec("n2", "readlink", "/proc/" + pid + "/ns/net").out().strip());
        Lab.Result remote = lab.om("n1", "--server", N2, "srv1", "print", "status");
        Lab.Result local = lab.om("n2", "srv1", "print", "status");
        assertEquals(0, remote.exit(), remote.toString());
        assertEquals(local.out(), remote.out());
        assertTrue(remote.out().contains("app#0") && remote.out().contains("up"), remote.toString());
        assertEquals(0, lab.om("n1", "--server", N2, "srv1", "stop", "--local").exit());
        assertEquals(1, lab.exec("n2", "pgrep", "-fx", "/bin/sleep 1017").exit(), "stopped on n2");
    }

    @Test
    @Order(3)
    void ctrlCEndsAWatchWithZeroAndInterruptsALongAction() throws Exception {
        Lab.Result r = sh("n1", "om --server " + N2 + " mon --watch > /tmp/srvopt-watch.$$ 2>&1 & pid=$!; sleep 8; "
                + "kill -INT $pid; wait $pid; echo exit=$?; cat /tmp/srvopt-watch.$$; rm -f /tmp/srvopt-watch.$$");
        assertTrue(r.out().startsWith("exit=0\n"), r.toString());
        assertTrue(r.out().contains("Threads"), r.toString());
        // a long action: the signal is forwarded, n2 cancels it, its exit code comes back
        r = sh("n1", "printf '[DEFAULT]\\nnodes = n2\\norchestrate = no\\n\\n[app#0]\\ntype = forking\\n"
                + "start = /bin/sleep 1018\\n' | om --server " + N2 + " long1 create --config - && "
                + "{ om --server " + N2 + " long1 start --local & pid=$!; sleep 6; kill -INT $pid; wait $pid; "
                + "echo exit=$?; }");
        assertTrue(r.out().contains("exit=1"), r.toString());
        assertTrue(r.err().contains("interrupted"), r.toString());
        assertEquals(1, lab.exec("n2", "pgrep", "-fx", "/bin/sleep 1018").exit(), "the start was stopped on n2");
    }

    @Test
    @Order(4)
    void refusalsAreOneLine() throws Exception {
        // n1 with another secret: a root of its own for the client only (n1's daemon keeps the lab's)
        Path wrong = lab.labRoot().resolve("wrong-secret");
        Files.createDirectories(wrong.resolve("etc"));
        Files.writeString(wrong.resolve("etc/cluster.conf"), "[cluster]\nname = " + lab.prefix
                + "\nnodes = n1 n2\nsecret = 0123456789abcdef0123456789abcdef\n");
        Lab.Result r = lab.exec("n1", "env", "OM_ROOT=" + wrong, "om", "--server", N2, "mon");
        assertOneLineError("error: " + N2 + ":1215 refused the node credentials of n1 (a node of its cluster.nodes"
                + " and its cluster.secret)", r);
        // a changed key for that address: refused, never trusted silently
        Path pin = wrong.resolve("var/certs/servers/" + Lab.addr("n2", 1) + "_1215");
        Files.writeString(pin, "00".repeat(32) + "\n");
        r = lab.exec("n1", "env", "OM_ROOT=" + wrong, "om", "--server", N2, "mon");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: the certificate of " + N2 + ":1215 (public key sha256 ")
                && r.err().endsWith(" is not the one pinned in " + pin + " (remove that file to trust the new one)\n"),
                r.toString());
        assertOneLineError("error: --server http://n2: the node API is https only (https://<node>[:<port>])",
                lab.om("n1", "--server", "http://n2", "mon"));
        assertOneLineError("error: --server needs a value: https://<node>[:<port>]", lab.om("n1", "--server"));
    }

    @Test
    @Order(5)
    void aDeadDaemonIsOneLineAndAWatchWaitsForItsReturn() throws Exception {
        Path out = lab.labRoot().resolve("watch.out");
        Path pid = lab.labRoot().resolve("watch.pid");
        Path code = lab.labRoot().resolve("watch.code");
        sh("n1", "( om --server " + N2 + " mon --watch > " + out + " 2>&1 & echo $! > " + pid + "; wait $!; "
                + "echo $? > " + code + " ) > /dev/null 2>&1 &");
        await(() -> read(out).contains("Threads"), "the watch drew", out);
        lab.kill("n2");
        Lab.Result r = lab.om("n1", "--server", N2, "mon");
        assertOneLineError("error: cannot reach " + N2 + ":1215: connection refused", r);
        // never the local daemon instead
        assertFalse(r.out().contains("Threads"), r.toString());
        await(() -> read(out).contains("daemon connection lost, retrying\n"), "the watch lost n2", out);
        lab.start("n2");
        await(() -> {
            String text = read(out);
            return text.substring(text.indexOf("daemon connection lost, retrying")).contains("Threads");
        }, "the watch drew again once n2 was back", out);
        assertEquals(1, read(out).split("daemon connection lost", -1).length - 1, "said once: " + read(out));
        assertEquals(0, lab.exec("n1", "kill", "-INT", read(pid).strip()).exit());
        await(() -> !read(code).isEmpty(), "the watch ended", code);
        assertEquals("0", read(code).strip(), read(out));
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void await(Check check, String what, Path file) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not " + what + " within 60s: " + read(file));
            }
            Thread.sleep(200);
        }
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
