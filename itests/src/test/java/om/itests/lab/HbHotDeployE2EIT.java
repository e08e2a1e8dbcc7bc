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
import org.junit.jupiter.api.Test;

/**
 * Issue 9, Tests, "Hot deploy": in a running 2-node cluster, taking om.hb.multicast out of n1's deploy/ stops the
 * hb#2 threads (shown in om mon) and touches nothing else; putting it back starts them again.
 */
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
}
