package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * Issue 9, Tests, second item: SIGKILL one daemon of three; its heartbeat cells turn X on the others within
 * timeout + interval and its instances leave the aggregation; restarted, it rejoins (rejoin, then idle) and the
 * resources it left running were not stopped.
 */
@ResourceLock(Serial.LAB)
class NodeDeathE2EIT {
    // --fast: interval 1s, timeout 3s
    private static final Duration DETECT = Duration.ofSeconds(3 + 1);
    // om mon is polled: allow the polling period and a loaded machine on top
    private static final Duration SLACK = Duration.ofSeconds(3);
    private static Lab lab;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.up(3, "--fast");
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private static Optional<Long> appPid(String node) throws Exception {
        try (Stream<Path> s = Files.walk(lab.root(node).resolve("var"))) {
            Optional<Path> f = s.filter(p -> p.getFileName().toString().equals("pid")
                    && p.toString().contains("dead1")).findFirst();
            return f.map(p -> {
                try {
                    // the pid, then its start time (against pid reuse)
                    return Long.parseLong(Files.readAllLines(p).get(0).trim());
                } catch (Exception e) {
                    return -1L;
                }
            });
        }
    }

    @Test
    void aKilledDaemonTurnsXWithinTimeoutPlusIntervalLeavesTheAggregationThenRejoinsWithoutStoppingItsApps()
            throws Exception {
        lab.awaitFormed(Duration.ofSeconds(30));
        Path cfg = Files.createTempFile(Path.of("target", "labs").toAbsolutePath(), "cfg", ".conf");
        Files.writeString(cfg, "[DEFAULT]\nnodes = n1 n2 n3\norchestrate = no\n\n[app#0]\ntype = simple\n"
                + "start = /bin/sleep 1004\n");
        Lab.Result r = lab.om("n3", "dead1", "create", "--config", cfg.toString());
        assertEquals(0, r.exit(), r.toString());
        r = lab.om("n3", "dead1", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        long app = appPid("n3").orElseThrow(() -> new AssertionError("no pid file of dead1's app on n3"));
        assertTrue(ProcessHandle.of(app).map(ProcessHandle::isAlive).orElse(false), "dead1's app runs");
        for (String n : List.of("n1", "n2")) {
            lab.awaitStatus(n, Duration.ofSeconds(15), "seeing dead1 up on n3",
                    s -> "up".equals(s.path("monitor").path("services").path("dead1").path("avail").asText()));
        }

        long killed = System.nanoTime();
        lab.kill("n3");
        for (String n : List.of("n1", "n2")) {
            // every rx, and every tx: a tx cell needs n3's own word that it hears us (its messages' heard), which
            // a dead n3 no longer gives, also on the multicast tx whose sends to the group still succeed
            Mon m = lab.awaitMon(n, DETECT.plus(SLACK), "showing n3 X on every rx and tx", mon -> {
                for (String row : List.of("hb#1.rx", "hb#1.tx", "hb#2.rx", "hb#2.tx")) {
                    if (!mon.cell("Threads", row, "n3").equals("X")) {
                        return false;
                    }
                }
                return true;
            });
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            System.out.println("death of n3 seen on " + n + " after " + took.toMillis() + " ms");
            assertEquals("O", m.cell("Threads", "hb#1.rx", n.equals("n1") ? "n2" : "n1"), m.text);
        }
        for (String n : List.of("n1", "n2")) {
            JsonNode s = lab.awaitStatus(n, SLACK, "without n3's data", st -> !Lab.nodesOf(st).contains("n3"));
            assertFalse("up".equals(s.path("monitor").path("services").path("dead1").path("avail").asText()),
                    "dead1 was up only through n3's instance:\n" + s.path("monitor").path("services"));
        }
        assertTrue(ProcessHandle.of(app).map(ProcessHandle::isAlive).orElse(false),
                "a dead daemon does not stop its resources");

        // restarted cut off from both networks, n3 waits in rejoin for its peers' full data (a rejoin beside
        // reachable peers is over within a heartbeat, before the first status could show it)
        lab.cut("n3");
        lab.start("n3");
        lab.awaitStatus("n3", Duration.ofSeconds(10), "in rejoin", s -> Lab.nodeState(s, "n3").equals("rejoin"));
        Thread.sleep(3000);
        JsonNode cut = lab.status("n3");
        assertEquals("rejoin", Lab.nodeState(cut, "n3"), "no peer heard, still waiting:\n" + cut.path("monitor"));
        lab.heal("n3");
        List<String> states = new ArrayList<>(List.of("rejoin"));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode now = cut;
        while (System.nanoTime() < end) {
            now = lab.status("n3");
            String st = now == null ? "" : Lab.nodeState(now, "n3");
            if (!st.isEmpty() && !states.get(states.size() - 1).equals(st)) {
                states.add(st);
            }
            if (st.equals("idle") && Lab.nodesOf(now).containsAll(lab.nodes())) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals(List.of("rejoin", "idle"), states, "n3's node monitor states after the heal");
        assertEquals(false, now.path("monitor").path("nodes").path("n3").path("frozen").asBoolean(true),
                "a rejoin completed in time does not freeze the node:\n"
                        + now.path("monitor").path("nodes").path("n3"));
        for (String n : List.of("n1", "n2")) {
            lab.awaitMon(n, Duration.ofSeconds(15), "showing n3 O again",
                    mon -> mon.cell("Threads", "hb#1.rx", "n3").equals("O"));
        }
        assertTrue(ProcessHandle.of(app).map(ProcessHandle::isAlive).orElse(false),
                "the restarted daemon did not stop dead1's app");
        assertEquals(Optional.of(app), appPid("n3"), "the same app process, not a restart of it");
        lab.awaitStatus("n1", Duration.ofSeconds(15), "seeing dead1 up on n3 again",
                s -> "up".equals(s.path("monitor").path("services").path("dead1").path("avail").asText()));
    }
}
