package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * Issue 9, Tests, fourth item: what is not a member's message is dropped and counted ({@code dropped} of the
 * heartbeat threads in {@code om daemon status --format json}), and the daemons live on: a fourth node with a wrong
 * secret, a captured message replayed, garbage on the multicast group and on the unicast port.
 * The captures and the garbage come from the hub namespace (a tap on the lab's switch: 10.77.x.254).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.LAB)
class IntruderE2EIT {
    private static final String GROUP = "224.3.29.71";
    private static final String PORT = "10002";
    private static final List<String> MEMBERS = List.of("n1", "n2", "n3");
    private static Lab lab;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.up(4, "--fast", "--no-start");
        // n4 has every member's addresses, and a secret of its own
        Path conf = lab.root("n4").resolve("etc/cluster.conf");
        String text = Files.readString(conf);
        String wrong = "0123456789abcdef0123456789abcdef";
        assertFalse(lab.secret().equals(wrong));
        Files.writeString(conf, text.replace("secret = " + lab.secret(), "secret = " + wrong));
        assertTrue(Files.readString(conf).contains(wrong));
        lab.start();
        for (String n : MEMBERS) {
            lab.awaitStatus(n, Duration.ofSeconds(30), "holding the three members' data",
                    s -> Lab.nodesOf(s).containsAll(MEMBERS));
        }
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    private static long dropped(String node, String thread, String reason) throws Exception {
        JsonNode s = lab.status(node);
        assertNotNull(s, node + "'s daemon answers");
        return Lab.dropped(s, thread, reason);
    }

    /** {@code stats.errors} of a heartbeat thread. */
    private static long errors(JsonNode s, String thread) {
        return s.path(thread).path("stats").path("errors").asLong(0);
    }

    /** The lines of n's node.log naming {@code text}. */
    private static List<String> logLines(String node, String text) throws java.io.IOException {
        Path log = lab.root(node).resolve("log/node.log");
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(text)).toList()
                : List.of();
    }

    /** The thread is running and shows no alert: garbage is no fault of the thread. */
    private static void runningWithoutAlert(JsonNode s, String thread) {
        assertEquals("running", s.path(thread).path("state").asText(), thread + ": " + s.path(thread));
        assertEquals(0, s.path(thread).path("alerts").size(), thread + ": " + s.path(thread));
    }

    private static void membersStillBeat() throws Exception {
        for (String n : MEMBERS) {
            JsonNode s = lab.awaitStatus(n, Duration.ofSeconds(10), "hearing its peers on both heartbeats", st -> {
                for (String p : MEMBERS) {
                    if (!p.equals(n) && !(Lab.beating(st, "hb#1.rx").getOrDefault(p, false)
                            && Lab.beating(st, "hb#2.rx").getOrDefault(p, false))) {
                        return false;
                    }
                }
                return true;
            });
            assertTrue(Lab.nodesOf(s).containsAll(MEMBERS), s.path("monitor").path("nodes").toString());
        }
    }

    @Test
    @Order(1)
    void aNodeWithAWrongSecretNeverAppearsAsALivePeerAndItsMessagesAreCountedDropped() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (System.nanoTime() < end) {
            for (String n : MEMBERS) {
                JsonNode s = lab.status(n);
                assertNotNull(s, n);
                assertFalse(Lab.nodesOf(s).contains("n4"), n + " took n4's data:\n" + s.path("monitor"));
                assertFalse(Lab.beating(s, "hb#1.rx").getOrDefault("n4", false), n + ": " + s.path("hb#1.rx"));
                assertFalse(Lab.beating(s, "hb#2.rx").getOrDefault("n4", false), n + ": " + s.path("hb#2.rx"));
            }
            Thread.sleep(500);
        }
        for (String n : MEMBERS) {
            long unicast = dropped(n, "hb#1.rx", "wrong secret");
            long multicast = dropped(n, "hb#2.rx", "wrong secret");
            assertTrue(unicast > 0 && multicast > 0, n + " counted n4's messages as dropped: hb#1.rx " + unicast
                    + ", hb#2.rx " + multicast + "\n" + lab.status(n));
            Mon m = Mon.parse(lab.mon(n).out());
            assertEquals("X", m.cell("Threads", "hb#1.rx", "n4"), m.text);
        }
        // n4 sees nobody either: the members' messages fail its key
        JsonNode s4 = lab.status("n4");
        assertEquals(List.of("n4"), Lab.nodesOf(s4), s4.path("monitor").path("nodes").toString());
        assertTrue(Lab.dropped(s4, "hb#1.rx", "wrong secret") > 0, s4.path("hb#1.rx").toString());
        membersStillBeat();
    }

    @Test
    @Order(2)
    void aCapturedMessageReplayedIsDropped() throws Exception {
        lab.stop("n4");
        Path capture = Path.of("target", "labs").toAbsolutePath().resolve(lab.prefix + "-n1.datagram");
        Files.deleteIfExists(capture);
        Lab.Result r = lab.tool("hub", Wire.class, "capture", GROUP, PORT, "br2", "n1", capture.toString(), "10");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.size(capture) > 0);
        // n1 sends newer messages (interval 1s): what was captured is now in the past
        Thread.sleep(2500);
        long before = dropped("n2", "hb#2.rx", "replay");
        r = lab.tool("hub", Wire.class, "send", GROUP, PORT, "br2", capture.toString());
        assertEquals(0, r.exit(), r.toString());
        // (the heartbeat threads' figures are published at intervals, not at each message)
        lab.awaitStatus("n2", Duration.ofSeconds(15), "counting the replay",
                s -> Lab.dropped(s, "hb#2.rx", "replay") > before);
        membersStillBeat();
        Files.deleteIfExists(capture);
    }

    @Test
    @Order(3)
    void garbageOnTheMulticastGroupIsDroppedAndCountedAndTheDaemonsLive() throws Exception {
        JsonNode s0 = lab.status("n2");
        long before = Lab.dropped(s0, "hb#2.rx", "bad frame");
        long errorsBefore = errors(s0, "hb#2.rx");
        Lab.Result r = lab.tool("hub", Wire.class, "garbage-udp", GROUP, PORT, "br2", "20");
        assertEquals(0, r.exit(), r.toString());
        // datagrams that are no fragments stop at the transport, which tells the daemon: dropped (bad frame) and
        // errors, like any message that is not a member's; the figures are published at intervals
        JsonNode s = lab.awaitStatus("n2", Duration.ofSeconds(15), "counting the 20 garbage datagrams",
                st -> Lab.dropped(st, "hb#2.rx", "bad frame") - before >= 20);
        assertEquals(20, Lab.dropped(s, "hb#2.rx", "bad frame") - before, s.path("hb#2.rx").toString());
        assertTrue(errors(s, "hb#2.rx") - errorsBefore >= 20, s.path("hb#2.rx").toString());
        runningWithoutAlert(s, "hb#2.rx");
        membersStillBeat();
        // logged once for the 20 (at most once a minute per sender), naming the hub's address
        List<String> lines = logLines("n2", "hb#2.rx: dropped a message from 10.77.2.254: bad frame");
        assertEquals(1, lines.size(), lines.toString());
    }

    @Test
    @Order(4)
    void garbageOnTheUnicastPortIsDroppedAndTheDaemonLives() throws Exception {
        JsonNode s0 = lab.status("n2");
        long framesBefore = Lab.dropped(s0, "hb#1.rx", "bad frame");
        // raw bytes: not a ZMTP/3 greeting, a stranger's connection (refused by the transport, counted)
        Lab.Result r = lab.tool("hub", Wire.class, "garbage-tcp", Lab.addr("n2", 1), "10001", "100000");
        assertEquals(0, r.exit(), r.toString());
        // a well-formed ZMTP peer sending random messages: they reach the daemon, which drops and counts them
        long before = Lab.dropped(s0, "hb#1.rx", "bad envelope");
        r = lab.tool("hub", Wire.class, "garbage-zmtp", Lab.addr("n2", 1), "10001", "10");
        assertEquals(0, r.exit(), r.toString());
        JsonNode s = lab.awaitStatus("n2", Duration.ofSeconds(15), "counting the stranger and 10 bad envelopes",
                st -> Lab.dropped(st, "hb#1.rx", "bad envelope") >= before + 10
                        && Lab.dropped(st, "hb#1.rx", "bad frame") > framesBefore);
        runningWithoutAlert(s, "hb#1.rx");
        membersStillBeat();
        assertEquals(1, logLines("n2", "hb#1.rx: dropped a message from 10.77.1.254: bad frame").size());
    }
}
