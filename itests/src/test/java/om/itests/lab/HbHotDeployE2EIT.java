package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * Issue 9, Tests, "Hot deploy": in a running 2-node cluster, taking om.hb.multicast out of n1's deploy/ stops the
 * hb#2 threads (shown in om mon) and touches nothing else; putting it back starts them again. And a peer whose
 * daemon is stopped (SIGSTOP: its kernel still takes the bytes) turns X on every rx and tx within the timeout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.LAB)
class HbHotDeployE2EIT {
    private static final Duration DEPLOY = Duration.ofSeconds(20);
    private static Lab lab;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.up(2, "--fast");
        lab.awaitFormed(Duration.ofSeconds(30));
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private static String state(JsonNode s, String thread) {
        return s.path(thread).path("state").asText("");
    }

    @Test
    @Order(1)
    void removingTheMulticastBundleStopsHb2OnlyAndRestoringItStartsItAgain() throws Exception {
        Path deploy = lab.root("n1").resolve("deploy");
        Path jar;
        try (Stream<Path> s = Files.list(deploy)) {
            jar = s.filter(p -> p.getFileName().toString().startsWith("om.hb.multicast")).findFirst()
                    .orElseThrow(() -> new AssertionError("no om.hb.multicast jar in " + deploy));
        }
        lab.awaitStatus("n1", DEPLOY, "running hb#2 with n2 beating", s -> state(s, "hb#2.rx").equals("running")
                && state(s, "hb#2.tx").equals("running") && Lab.beating(s, "hb#2.rx").getOrDefault("n2", false));
        // the listener row turns running once the node API answered its own probe, a moment after it opened
        String listenerCreated = lab.awaitStatus("n1", DEPLOY, "with the listener running",
                st -> state(st, "listener").equals("running")).path("listener").path("created").asText();

        Path aside = lab.root("n1").resolve(jar.getFileName() + ".aside");
        Files.move(jar, aside, StandardCopyOption.ATOMIC_MOVE);
        JsonNode s = lab.awaitStatus("n1", DEPLOY, "with hb#2 stopped",
                st -> state(st, "hb#2.rx").equals("stopped") && state(st, "hb#2.tx").equals("stopped"));
        assertEquals("running", state(s, "hb#1.rx"), s.toString());
        assertEquals("running", state(s, "hb#1.tx"), s.toString());
        Mon m = lab.awaitMon("n1", Duration.ofSeconds(10), "showing hb#2 stopped",
                mon -> mon.row("Threads", "hb#2.rx") != null
                        && mon.row("Threads", "hb#2.rx").status().equals("stopped"));
        assertEquals("stopped", m.row("Threads", "hb#2.tx").status(), m.text);
        assertEquals("running", m.row("Threads", "hb#1.rx").status(), m.text);
        // nothing else moved: the unicast heartbeat still carries n2, the listener was not restarted
        Thread.sleep(4000);
        s = lab.status("n1");
        assertTrue(Lab.beating(s, "hb#1.rx").getOrDefault("n2", false), s.path("hb#1.rx").toString());
        assertTrue(Lab.nodesOf(s).containsAll(List.of("n1", "n2")), Lab.nodesOf(s).toString());
        assertEquals(listenerCreated, s.path("listener").path("created").asText());
        // n2 no longer hears n1 on the group, but n1 is alive for it through hb#1
        JsonNode s2 = lab.awaitStatus("n2", Duration.ofSeconds(8), "not hearing n1 on hb#2",
                st -> !Lab.beating(st, "hb#2.rx").getOrDefault("n1", true));
        assertTrue(Lab.nodesOf(s2).contains("n1"), Lab.nodesOf(s2).toString());

        Files.move(aside, jar, StandardCopyOption.ATOMIC_MOVE);
        lab.awaitStatus("n1", DEPLOY, "with hb#2 running again and n2 beating on it",
                st -> state(st, "hb#2.rx").equals("running") && state(st, "hb#2.tx").equals("running")
                        && Lab.beating(st, "hb#2.rx").getOrDefault("n2", false));
        lab.awaitStatus("n2", Duration.ofSeconds(10), "hearing n1 on hb#2 again",
                st -> Lab.beating(st, "hb#2.rx").getOrDefault("n1", false));
        lab.awaitMon("n1", Duration.ofSeconds(10), "showing hb#2 running with n2 O",
                mon -> mon.row("Threads", "hb#2.rx").status().equals("running")
                        && mon.cell("Threads", "hb#2.rx", "n2").equals("O"));
    }

    private static final List<String> HB_ROWS = List.of("hb#1.rx", "hb#1.tx", "hb#2.rx", "hb#2.tx");

    private static boolean all(JsonNode s, String peer, boolean beating) {
        return HB_ROWS.stream().allMatch(r -> Lab.beating(s, r).getOrDefault(peer, !beating) == beating);
    }

    /**
     * A stopped daemon (SIGSTOP) is not a dead host: its kernel goes on acknowledging TCP, so the unicast
     * transport's sends succeed for minutes. The tx cells need the peer's own word that it hears us (the
     * {@code heard} of its messages): silent for the timeout (3 s), every cell toward it is X; resumed, O again.
     */
    @Test
    @Order(2)
    void aStoppedPeerDaemonTurnsXOnEveryRxAndTxWithinTheTimeout() throws Exception {
        lab.awaitStatus("n1", DEPLOY, "with n2 O on every heartbeat", st -> all(st, "n2", true));
        long pid = Long.parseLong(Files.readString(lab.root("n2").resolve("var/omd.pid")).trim());
        Lab.Result r = signal("STOP", pid);
        assertEquals(0, r.exit(), r.toString());
        long stopped = System.nanoTime();
        try {
            // timeout 3 s, plus the interval, plus the monitor's snapshot and a loaded host's slack
            lab.awaitStatus("n1", Duration.ofSeconds(9), "with n2 X on every rx and tx", st -> all(st, "n2", false));
            System.out.println("stopped n2 seen X on every hb row after "
                    + Duration.ofNanos(System.nanoTime() - stopped).toMillis() + " ms");
            Lab.Result mon = lab.mon("n1");
            assertEquals(0, mon.exit(), mon.toString());
            Mon m = Mon.parse(mon.out());
            for (String row : HB_ROWS) {
                assertEquals("X", m.cell("Threads", row, "n2"), m.text);
            }
        } finally {
            assertEquals(0, signal("CONT", pid).exit());
        }
        lab.awaitStatus("n1", Duration.ofSeconds(15), "with n2 O again on every heartbeat", st -> all(st, "n2", true));
    }

    private static Lab.Result signal(String sig, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Lab.Result(p.waitFor(), out, "");
    }
}
