package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 8 item 13: a selector could spin a daemon worker forever (a glob turned into a backtracking regex, a
 * backtracking {@code ~} regex) and enough of them made the daemon deaf. Through a running daemon they now answer
 * at once, and the daemon keeps answering.
 */
@ResourceLock(Serial.HOST)
class SelectorHangE2EIT {
    private static final String NAME = "a".repeat(40);
    private static final String GLOB = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
    private static final String REGEX = "app#2.start~(.*a){25}$";
    private static Dist dist;

    @BeforeAll
    static void daemon() throws Exception {
        dist = new Dist(Dist.newRoot("selhang"), "selh1");
        dist.writeConf(NAME, "[DEFAULT]\nnodes = selh1\n\n[app#2]\nstart = /bin/true " + NAME + "b\n");
        dist.startDaemon();
        assertTrue(Files.exists(dist.root.resolve("var/lsnr/cli.sock")));
    }

    @AfterAll
    static void stop() throws Exception {
        dist.stopDaemon();
    }

    private static Dist.Result om(int timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(dist.home.resolve("bin/om").toString());
        cmd.addAll(List.of(args));
        return dist.run(cmd, timeoutSeconds);
    }

    @Test
    void aPathologicalGlobAnswersPromptly() throws Exception {
        long start = System.nanoTime();
        Dist.Result r = om(30, GLOB, "ls");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.out(), r.toString());
        // a client round trip, not the regex's hours; generous for a loaded 2-core machine
        assertTrue(ms < 15_000, "took " + ms + " ms");
        r = om(30, GLOB.substring(0, GLOB.length() - 1), "ls");
        assertEquals(NAME + "\n", r.out(), r.toString());
    }

    @Test
    void aBacktrackingRegexFailsWithOneLine() throws Exception {
        Dist.Result r = om(30, REGEX, "ls");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: regex '(.*a){25}$' took too long\n", r.err(), r.toString());
    }

    @Test
    void theDaemonStillAnswersAfterEightConcurrentPathologicalSelectors() throws Exception {
        List<Process> clients = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path out = Files.createTempFile(dist.root, "client", ".out");
            outputs.add(out);
            clients.add(dist.spawnOm(out, i % 2 == 0 ? GLOB : REGEX, "ls"));
        }
        for (int i = 0; i < clients.size(); i++) {
            Process p = clients.get(i);
            boolean done = p.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            assertTrue(done, "client " + i + " still running: " + Files.readString(outputs.get(i)));
            assertEquals(i % 2 == 0 ? 0 : 2, p.exitValue(), Files.readString(outputs.get(i)));
        }
        Dist.Result r = om(30, "daemon", "status");
        assertEquals(0, r.exit(), r.toString());
    }
}
