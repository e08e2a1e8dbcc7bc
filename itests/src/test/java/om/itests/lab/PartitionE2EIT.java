package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * Issue 9, Tests, third item: n2 cut from one network stays alive through the heartbeat of the other (hb#1 unicast
 * over net1, hb#2 multicast over net2); cut from both it is dead; healed it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.LAB)
class PartitionE2EIT {
    // --fast: interval 1s, timeout 3s; beyond this a silent heartbeat has surely been declared not beating
    private static final Duration DETECT = Duration.ofSeconds(3 + 1 + 3);
    private static Lab lab;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.up(3, "--fast");
        lab.awaitFormed(Duration.ofSeconds(30));
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void heal() throws Exception {
        lab.heal();
        for (String n : List.of("n1", "n3")) {
            lab.awaitStatus(n, Duration.ofSeconds(20), "hearing n2 on both heartbeats", s ->
                    Lab.beating(s, "hb#1.rx").getOrDefault("n2", false)
                            && Lab.beating(s, "hb#2.rx").getOrDefault("n2", false));
        }
    }

    private static void cutOneThenStillAlive(String net, String deadRx, String liveRx) throws Exception {
        lab.cut("n2", net);
        for (String n : List.of("n1", "n3")) {
            Mon m = lab.awaitMon(n, DETECT, "showing n2 X on " + deadRx, mon ->
                    mon.cell("Threads", deadRx, "n2").equals("X"));
            assertEquals("O", m.cell("Threads", liveRx, "n2"), "still heard through the other network:\n" + m);
            // the other peer is untouched
            assertEquals("O", m.cell("Threads", deadRx, n.equals("n1") ? "n3" : "n1"), m.text);
        }
        // well past the timeout, n2 is still a live peer: its data stays in the merged view
        Thread.sleep(DETECT.toMillis());
        for (String n : List.of("n1", "n3")) {
            JsonNode s = lab.status(n);
            assertTrue(Lab.nodesOf(s).contains("n2"), n + " dropped n2 although " + liveRx + " hears it:\n"
                    + s.path(deadRx) + "\n" + s.path(liveRx));
            assertTrue(Lab.beating(s, liveRx).getOrDefault("n2", false), s.path(liveRx).toString());
        }
        // and n2 sees its peers the same way
        JsonNode own = lab.status("n2");
        assertTrue(Lab.nodesOf(own).containsAll(List.of("n1", "n3")), Lab.nodesOf(own).toString());
    }

    @Test
    @Order(1)
    void cutFromNet1ItIsAliveThroughTheMulticastOfNet2() throws Exception {
        cutOneThenStillAlive("net1", "hb#1.rx", "hb#2.rx");
    }

    @Test
    @Order(2)
    void cutFromNet2ItIsAliveThroughTheUnicastOfNet1() throws Exception {
        cutOneThenStillAlive("net2", "hb#2.rx", "hb#1.rx");
    }

    @Test
    @Order(3)
    void cutFromBothItIsDeadThenHealedItIsBack() throws Exception {
        lab.cut("n2");
        for (String n : List.of("n1", "n3")) {
            lab.awaitStatus(n, DETECT, "without n2's data", s -> !Lab.nodesOf(s).contains("n2"));
            Mon m = lab.awaitMon(n, Duration.ofSeconds(2), "showing n2 X", mon ->
                    mon.cell("Threads", "hb#1.rx", "n2").equals("X")
                            && mon.cell("Threads", "hb#2.rx", "n2").equals("X"));
            assertEquals("O", m.cell("Threads", "hb#1.rx", n.equals("n1") ? "n3" : "n1"), m.text);
        }
        // n2, alone, sees both peers dead
        lab.awaitStatus("n2", DETECT, "alone", s -> Lab.nodesOf(s).equals(List.of("n2")));
        lab.heal("n2");
        for (String n : lab.nodes()) {
            lab.awaitStatus(n, Duration.ofSeconds(20), "holding all three again",
                    s -> Lab.nodesOf(s).containsAll(lab.nodes()));
        }
        lab.awaitMon("n1", Duration.ofSeconds(10), "showing n2 O again", mon ->
                mon.cell("Threads", "hb#1.rx", "n2").equals("O") && mon.cell("Threads", "hb#2.rx", "n2").equals("O"));
    }
}
