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

/**
 * Issue 9, Tests, second item: SIGKILL one daemon of three; its heartbeat cells turn X on the others within
 * timeout + interval and its instances leave the aggregation; restarted, it rejoins (rejoin, then idle) and the
 * resources it left running were not stopped.
 */
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
                    return Long.parseLong(Files.readString(p).trim());
                } catch (Exception e) {
                    return -1L;
                }
            });
        }
    }

    /** Whether a log of node (log/omd.out, log/node.log...) mentions text. */
    private static boolean logsMention(String node, String text) throws Exception {
        try (Stream<Path> s = Files.walk(lab.root(node).resolve("log"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
                    return true;
                }
            }
        }
        return false;
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
            Mon m = lab.awaitMon(n, DETECT.plus(SLACK), "showing n3 X on every heartbeat", mon -> {
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

        lab.start("n3");
        List<String> states = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < end) {
            JsonNode s = lab.status("n3");
            String st = s == null ? "" : Lab.nodeState(s, "n3");
            if (!st.isEmpty() && (states.isEmpty() || !states.get(states.size() - 1).equals(st))) {
                states.add(st);
            }
            if (st.equals("idle") && s != null && Lab.nodesOf(s).containsAll(lab.nodes())) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("idle", states.isEmpty() ? "" : states.get(states.size() - 1), "n3 states: " + states);
        assertTrue(states.stream().allMatch(s -> s.equals("rejoin") || s.equals("idle")), "n3 states: " + states);
        assertTrue(states.get(0).equals("rejoin") || logsMention("n3", "rejoin"),
                "n3 went through rejoin (states seen " + states + ")");
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
