package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import om.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The daemon's scheduler with a real daemon (heartbeats-and-daemon.md section 9): a task scheduled {@code @2s} runs
 * only while its failover instance is up here, about every 2 s, logged as scheduled ({@code sc:y},
 * {@code origin scheduler}); a frozen instance skips it; a task scheduled {@code @1m} does not run again after a
 * daemon restart. The task appends to a journal, so what ran is read from outside om.
 */
@ResourceLock(Serial.HOST)
class SchedulerE2EIT {
    Dist n1;
    Path journal;
    Path slow;

    @BeforeEach
    void setUp() throws Exception {
        n1 = new Dist(Dist.newRoot("sched-n1"), "n1");
        Path dir = n1.root.resolve("app");
        Files.createDirectories(dir);
        journal = dir.resolve("journal");
        slow = dir.resolve("slow");
        Path marker = dir.resolve("running");
        ResourceMonitorE2EIT.script(dir.resolve("start"), "touch " + marker);
        ResourceMonitorE2EIT.script(dir.resolve("stop"), "rm -f " + marker);
        ResourceMonitorE2EIT.script(dir.resolve("check"), "[ -e " + marker + " ]");
        ResourceMonitorE2EIT.script(dir.resolve("task"), "echo \"$1 $(date +%s.%N)\" >> " + journal);
        n1.writeConf("web", "[DEFAULT]\nnodes = n1\n\n[app#0]\nstart = " + dir.resolve("start") + "\nstop = "
                + dir.resolve("stop") + "\ncheck = " + dir.resolve("check") + "\n\n[task#fast]\ncommand = "
                + dir.resolve("task") + " fast\nschedule = @2s\n\n[task#slow]\ncommand = " + dir.resolve("task")
                + " slow\nschedule = @1m\n");
        n1.startDaemon();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (n1 != null) {
            n1.stopDaemon();
        }
    }

    /** The journal's run times of one task, in seconds. */
    List<Double> runs(String task) throws Exception {
        List<Double> out = new ArrayList<>();
        if (Files.exists(journal)) {
            for (String l : Files.readAllLines(journal)) {
                String[] f = l.split(" ");
                if (f.length == 2 && f[0].equals(task)) {
                    out.add(Double.parseDouble(f[1]));
                }
            }
        }
        return out;
    }

    JsonNode schedule() throws Exception {
        Dist.Result r = n1.om("web", "print", "schedule", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        return Json.mapper().readTree(r.out());
    }

    static JsonNode job(JsonNode schedule, String rid) {
        for (JsonNode j : schedule) {
            if (rid.equals(j.path("rid").asText(null))) {
                return j;
            }
        }
        throw new AssertionError("no job of " + rid + " in " + schedule);
    }

    @Test
    void tasksRunWhereTheInstanceIsUpAsScheduledRunsAndNotEarlyAfterARestart() throws Exception {
        Thread.sleep(4000);
        assertEquals(List.of(), runs("fast"), "the instance is down: no scheduled run");
        assertEquals("not up on this node", job(schedule(), "task#fast").path("why").asText());

        Dist.Result start = n1.om("web", "start", "--local");
        assertEquals(0, start.exit(), start.toString());
        long end = System.currentTimeMillis() + 15_000;
        while (runs("fast").size() < 4 && System.currentTimeMillis() < end) {
            Thread.sleep(200);
        }
        List<Double> fast = runs("fast");
        assertTrue(fast.size() >= 4, "4 runs within 15 s of the start: " + fast);
        for (int i = 1; i < fast.size(); i++) {
            double gap = fast.get(i) - fast.get(i - 1);
            assertTrue(gap > 1.5 && gap < 4.5, "runs about 2 s apart: " + fast);
        }
        assertEquals(1, runs("slow").size(), "the 1m task ran once: " + runs("slow"));

        String log = Files.readString(n1.root.resolve("log").resolve("web.log"));
        assertTrue(log.contains("do run --rid task#fast (origin scheduler)"), log);
        assertTrue(log.lines().anyMatch(l -> l.contains(" sc:y | ") && l.contains("r:task#fast")),
                "resource lines of a scheduled run are marked scheduled: " + log);
        JsonNode j = job(schedule(), "task#fast");
        assertTrue(j.path("why").isNull(), j.toString());
        assertTrue(j.path("last_run").isTextual() && j.path("next_run").isTextual(), j.toString());

        // a daemon restart does not run the 1m task again before its minute
        n1.stopDaemon();
        n1.startDaemon();
        Thread.sleep(6000);
        assertEquals(1, runs("slow").size(), "no early rerun after the restart: " + runs("slow"));
        assertTrue(runs("fast").size() > fast.size(), "the 2s task goes on after the restart");

        // a frozen instance skips its tasks
        Dist.Result freeze = n1.om("web", "freeze", "--wait");
        assertEquals(0, freeze.exit(), freeze.toString());
        Thread.sleep(1500);
        int frozenAt = runs("fast").size();
        Thread.sleep(5000);
        assertEquals(frozenAt, runs("fast").size(), "no run while frozen");
        assertEquals("frozen", job(schedule(), "task#fast").path("why").asText());
    }
}
