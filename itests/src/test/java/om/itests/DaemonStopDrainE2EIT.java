package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 8 item 3: stopping the daemon while it runs an action drains the action instead of killing it: its
 * command runs to its end and the object log gets its closing line.
 */
@ResourceLock(Serial.HOST)
class DaemonStopDrainE2EIT {
    private static final Cleanup CLEANUP = new Cleanup();

    @AfterAll
    static void cleanup() {
        CLEANUP.run();
    }

    @Test
    void aDaemonStopLetsTheRunningActionEndAndLogItsClosingLine() throws Exception {
        Dist dist = new Dist(Dist.newRoot("drain"), "dr1");
        dist.writeConf("dr", "[DEFAULT]\nnodes = dr1\n\n[app#0]\nstart = /bin/sleep 4\nstop = /bin/true\n");
        dist.startDaemon();
        CLEANUP.daemon(dist);
        Path out = dist.root.resolve("start.out");
        Process start = dist.spawnOm(out, "dr", "start", "--local");
        Path lock = dist.root.resolve("var/svc/dr/lock.generic");
        long end = System.currentTimeMillis() + 30000;
        while (!(Files.exists(lock) && Files.readString(lock).contains(" start "))
                && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        // the start command runs now (the lock is taken just before it)
        Thread.sleep(500);
        long t0 = System.nanoTime();
        dist.stopDaemon();
        assertFalse(Files.exists(dist.root.resolve("var/omd.pid")), "the daemon did not stop");
        assertTrue(start.waitFor(30, TimeUnit.SECONDS));
        List<ActionLogFile.Line> lines = ActionLogFile.lastSession(dist, "dr");
        String dump = ActionLogFile.dump(lines) + "\nclient:\n" + Files.readString(out);
        assertTrue(lines.get(0).message().equals("do start --local (origin user)"), dump);
        assertTrue(lines.stream().anyMatch(l -> l.message().startsWith("start done in ")
                && l.message().endsWith("- ret 0")), "the command was killed: " + dump);
        ActionLogFile.Line last = lines.get(lines.size() - 1);
        assertTrue(last.message().startsWith("done start in "), dump);
        assertEquals(1, lines.stream().filter(l -> l.message().startsWith("do start")).count(), dump);
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 30);
    }
}
