package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An orchestrated stop whose commands succeed while the checks still say up (found by review: the orchestrator
 * stopped again and again, 450 stops in 20 s): the stop is failed once, {@code stop failed} blocks until clear, and
 * the waiting verb says so.
 */
@ResourceLock(Serial.HOST)
class StopThatDoesNotStopE2EIT {
    Dist n1;

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(OrchestrationApiE2EIT.orchestratorShipped(), "om.orchestrator not in deploy/");
        n1 = new Dist(Dist.newRoot("nostop-n1"), "n1");
        n1.writeConf("web", "[DEFAULT]\nnodes = n1\n\n[app#0]\nstart = /bin/true\nstop = /bin/true\ncheck = /bin/true\n");
        n1.startDaemon();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (n1 != null) {
            n1.stopDaemon();
        }
    }

    @Test
    void aStopThatLeavesTheInstanceUpFailsOnce() throws Exception {
        Dist.Result r = n1.om("web", "stop", "--wait", "--time", "20s");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("error: web: stop failed on n1"), r.toString());
        Thread.sleep(3000);
        String log = Files.readString(n1.root.resolve("log").resolve("web.log"));
        assertEquals(1, log.lines().filter(l -> l.contains("| do stop (origin daemon)")).count(), log);
        assertTrue(log.contains("stop failed: the instance is still up after its stop"), log);
    }
}
