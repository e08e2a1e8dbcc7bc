package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.BooleanSupplier;
import om.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Resource monitoring by a real daemon (orchestration.md section 8): an app whose "process" (a marker file its
 * check tests) disappears is started again by the daemon ({@code restart = 1}); once its start fails and no
 * restart is left, {@code monitor_action = freezestop} freezes the instance and stops it. The app scripts keep a
 * journal, so what ran is read from outside om.
 */
@ResourceLock(Serial.HOST)
class ResourceMonitorE2EIT {
    Dist n1;
    Path journal;
    Path marker;
    Path broken;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(OrchestrationApiE2EIT.orchestratorShipped(), "om.orchestrator not in deploy/");
        n1 = new Dist(Dist.newRoot("resmon-n1"), "n1");
        Path dir = n1.root.resolve("app");
        Files.createDirectories(dir);
        journal = dir.resolve("journal");
        marker = dir.resolve("running");
        broken = dir.resolve("broken");
        script(dir.resolve("start"), "echo start >> " + journal + "\n[ -e " + broken + " ] && exit 1\ntouch "
                + marker);
        script(dir.resolve("stop"), "echo stop >> " + journal + "\nrm -f " + marker);
        script(dir.resolve("check"), "[ -e " + marker + " ]");
        n1.writeConf("web", "[DEFAULT]\nnodes = n1\nmonitor_schedule = @1s\nmonitor_action = freezestop\n\n"
                + "[app#0]\nstart = " + dir.resolve("start") + "\nstop = " + dir.resolve("stop") + "\ncheck = "
                + dir.resolve("check") + "\nrestart = 1\nrestart_delay = 0s\nmonitor = true\n");
        n1.startDaemon();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (n1 != null) {
            n1.stopDaemon();
        }
    }

    static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    List<String> journal() throws Exception {
        return Files.exists(journal) ? Files.readAllLines(journal) : List.of();
    }

    JsonNode status() throws Exception {
        Dist.Result r = n1.om("web", "print", "status", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        return Json.mapper().readTree(r.out());
    }

    static void await(String what, long millis, BooleanSupplier cond) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timeout waiting for " + what);
            }
            Thread.sleep(200);
        }
    }

    boolean expectStarted() {
        try {
            return status().path("monitor").path("local_expect").asText().equals("started")
                    && status().path("monitor").path("state").asText().equals("idle");
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aKilledAppIsRestartedThenFreezestopWhenItCannotStart() throws Exception {
        // the daemon just started: its dataset shows the object after its first scan
        Dist.Result start = n1.om("web", "start", "--wait", "--time", "60s");
        long end = System.currentTimeMillis() + 30000;
        while (start.err().contains("object not found") && System.currentTimeMillis() < end) {
            Thread.sleep(300);
            start = n1.om("web", "start", "--wait", "--time", "60s");
        }
        assertEquals(0, start.exit(), start.toString());
        await("local expect started, idle", 30000, this::expectStarted);
        assertEquals(List.of("start"), journal());

        // the process dies: the daemon's next status refresh sees it down and starts it again
        Files.delete(marker);
        await("the restart", 20000, () -> Files.exists(marker));
        assertEquals(List.of("start", "start"), journal());
        Dist.Result log = n1.om("web", "logs");
        assertTrue(log.out().contains("app#0 is down: restart 1/1"), log.toString());
        assertTrue(log.out().contains("do start --rid app#0 (origin daemon)"), log.toString());
        await("the budget back once seen up", 10000, () -> {
            try {
                return status().path("resources").path("app#0").path("restart_remaining").asInt(-1) == 1;
            } catch (Exception e) {
                return false;
            }
        });

        // it dies again and can no longer start: one try (the budget is back since it was seen up), then the
        // monitor action freezes and stops the instance (the app is down already: its stop script is skipped)
        Files.writeString(broken, "");
        Files.delete(marker);
        await("the freezestop", 30000, () -> {
            try {
                return status().path("frozen").asBoolean() && n1.om("web", "logs").out()
                        .contains("monitor action freezestop: instance stopped");
            } catch (Exception e) {
                return false;
            }
        });
        assertEquals(List.of("start", "start", "start"), journal());
        assertEquals(0, status().path("resources").path("app#0").path("restart_remaining").asInt(-1),
                "the daemon's counter in the status");
        Dist.Result after = n1.om("web", "logs");
        assertTrue(after.out().contains("app#0 is down and has no restart left: monitor action freezestop"),
                after.toString());
        assertTrue(after.out().contains("do stop (origin daemon)"), after.toString());
        Thread.sleep(3000);
        assertEquals(List.of("start", "start", "start"), journal(), "nothing more once frozen");
    }
}
