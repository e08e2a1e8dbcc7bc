package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 9 item 7 on the real bin/om and bin/omd: {@code om mon --stats} shows the figures the daemon measures (the
 * app's process found by its OPENSVC_PATH, the daemon threads' CPU time) and ends with 0 on SIGINT; {@code --color
 * yes} colours without moving a column.
 */
@ResourceLock(Serial.HOST)
class MonStatsE2EIT {
    private Dist dist;

    @BeforeEach
    void setUp() throws Exception {
        dist = new Dist(Dist.newRoot("monstats"), "ms1");
        dist.writeConf("web", "[DEFAULT]\nnodes = ms1\n\n[app#0]\ntype = simple\nstart = /bin/sleep 1000\n");
        dist.writeConf("idle", "[DEFAULT]\nnodes = ms1\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        dist.om("web", "stop", "--local");
        dist.stopDaemon();
    }

    @Test
    void statsShowTheAppProcessAndTheThreadsCpu() throws Exception {
        dist.startDaemon();
        Dist.Result r = dist.om("web", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        Path out = Files.createTempFile("monstats", ".out");
        Process p = dist.spawnOm(out, "mon", "--stats", "--interval", "1", "--sections", "threads,services");
        // two samples at least: the second drawing after a sample has the usage column
        Thread.sleep(3500);
        ProcessHandle.of(p.pid()).ifPresent(h -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(h.pid())).start().waitFor();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        String text = Files.readString(out);
        String[] frames = text.split(Pattern.quote("\u001b[H\u001b[2J"));
        String last = frames[frames.length - 1];
        assertTrue(last.startsWith("Threads"), last);
        assertTrue(last.contains(" since tasks usage "), last);
        // web: its one sleep process, with memory; idle: no process
        Matcher web = Pattern.compile("\\n web +up +failover +\\S+ +1 +\\S* +\\S+ +\\d+[km] \\| O\\^\\n").matcher(last);
        assertTrue(web.find(), last);
        assertTrue(Pattern.compile("\\n idle +n/a +failover +- +- +\\S* +- +- \\| /\\n").matcher(last).find(), last);
        // the monitor thread has used some CPU
        assertTrue(Pattern.compile("\\n monitor +running +\\d+[smhd] +- +\\S* +\\d+(ms|\\.\\ds|m\\d\\ds)")
                .matcher(last).find(), last);
    }

    @Test
    void colourYesKeepsTheLayoutOfThePlainOutput() throws Exception {
        dist.startDaemon();
        // right after the start the daemon's view changes (the objects evaluated, then the leader marks): the two
        // outputs are compared once a pair taken one after the other shows the same state (CI saw both races)
        Dist.Result plain = null;
        Dist.Result colour = null;
        String stripped = null;
        for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; Thread.sleep(300)) {
            plain = dist.om("mon");
            colour = dist.om("mon", "--color", "yes");
            stripped = colour.out().replaceAll("\u001b\\[[0-9;]*m", "");
            if (plain.out().contains("\n web ") && plain.out().equals(stripped)) {
                break;
            }
        }
        assertEquals(0, colour.exit(), colour.toString());
        assertTrue(colour.out().contains("\u001b[32mrunning\u001b[0m"), colour.out());
        assertEquals(plain.out(), stripped);
    }
}
