package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
 * Issue 10, Tests, quorum: in a 3-node lab with {@code cluster.quorum = true}, cut one node off: the isolated node
 * runs its {@code split_action} (the test hook of {@code deploy/om.orchestrator.split.cfg} writes a marker file
 * instead of crashing the host), the majority does not. With an arbitrator of weight 2 reachable only from the
 * single node (a TCP listener on 127.0.0.1 in its own network namespace: 5 votes, it holds 3), it survives and the
 * pair, which reaches no arbitrator, runs its split_action (the spec's example).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.LAB)
class QuorumE2EIT {
    // --fast: timeout 3s; ready_period 5s (default): the split delay is 1.7 s, the checks' timeout as much
    private static final Duration SPLIT = Duration.ofSeconds(3 + 1 + 2 + 2 + 5);
    /** The quorum watch re-reads the settings every 5 s when idle. */
    private static final Duration NOTICE = Duration.ofSeconds(5 + 2);
    private static final int ARBITER_PORT = 17215;
    private static Lab lab;
    private static String arbiterPid;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.up(3, "--fast");
        lab.awaitFormed(Duration.ofSeconds(60));
        for (String n : lab.nodes()) {
            Files.writeString(lab.root(n).resolve("deploy/om.orchestrator.split.cfg"),
                    "crash.command = echo crash >> " + marker(n) + "\n"
                            + "reboot.command = echo reboot >> " + marker(n) + "\n");
            setQuorum(n, "");
        }
        Thread.sleep(NOTICE.toMillis());
    }

    @AfterAll
    static void down() throws Exception {
        if (arbiterPid != null) {
            lab.exec("n2", "kill", arbiterPid);
        }
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void heal() throws Exception {
        lab.heal();
        lab.awaitFormed(Duration.ofSeconds(30));
        for (String n : lab.nodes()) {
            Files.deleteIfExists(marker(n));
        }
    }

    private static Path marker(String node) {
        return lab.root(node).resolve("var/split.marker");
    }

    /** cluster.quorum = true, and extra sections, in the node's cluster.conf (read again by the daemon within 5 s). */
    private static void setQuorum(String node, String extra) throws Exception {
        Path conf = lab.root(node).resolve("etc/cluster.conf");
        String text = Files.readString(conf);
        int arb = text.indexOf("\n[arbitrator#1]");
        if (arb >= 0) {
            text = text.substring(0, arb + 1);
        }
        if (!text.contains("quorum = true")) {
            text = text.replace("[cluster]\n", "[cluster]\nquorum = true\n");
        }
        Files.writeString(conf, text.endsWith("\n") ? text + extra : text + "\n" + extra);
    }

    private static void awaitMarker(String node, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (!Files.exists(marker(node))) {
            if (System.nanoTime() > end) {
                throw new AssertionError(node + ": no split_action within " + deadline + "; om mon there:\n"
                        + lab.mon(node).out());
            }
            Thread.sleep(200);
        }
        assertEquals("crash\n", Files.readString(marker(node)), node + " ran its split_action once");
    }

    @Test
    @Order(1)
    void theIsolatedNodeRunsItsSplitActionTheMajorityDoesNot() throws Exception {
        lab.cut("n2");
        awaitMarker("n2", SPLIT);
        // the majority lost n2 too, and carries on
        for (String n : List.of("n1", "n3")) {
            lab.awaitStatus(n, SPLIT, "without n2's data", s -> !Lab.nodesOf(s).contains("n2"));
        }
        Thread.sleep(SPLIT.toMillis());
        for (String n : List.of("n1", "n3")) {
            assertFalse(Files.exists(marker(n)), n + " ran its split_action though it kept the quorum");
        }
        // once per split
        assertEquals("crash\n", Files.readString(marker("n2")));
        // the decision is logged with its reason
        String log = Files.readString(lab.root("n2").resolve("log/node.log"));
        org.junit.jupiter.api.Assertions.assertTrue(
                log.contains("split: votes 1/3 (live n2, lost n1,n3): split_action crash"), log);
    }

    @Test
    @Order(2)
    void withAnArbitratorOnlyTheSingleNodeReachesItSurvivesAndThePairDoesNot() throws Exception {
        String cp = Paths.get(TcpArbiter.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        Lab.Result r = lab.exec("n2", "sh", "-c", "nohup java -cp " + cp + " " + TcpArbiter.class.getName()
                + " 127.0.0.1 " + ARBITER_PORT + " >/dev/null 2>&1 & echo $!");
        assertEquals(0, r.exit(), r.toString());
        arbiterPid = r.out().strip();
        for (String n : lab.nodes()) {
            setQuorum(n, "[arbitrator#1]\nuri = 127.0.0.1:" + ARBITER_PORT + "\nweight = 2\n");
        }
        // every node checks 127.0.0.1 of its own namespace: only n2's answers
        Mon m = lab.awaitMon("n1", Duration.ofSeconds(30), "showing the arbitrator up on n2 only", mon ->
                mon.cell("Arbitrators", "127.0.0.1", "n2").equals("O")
                        && mon.cell("Arbitrators", "127.0.0.1", "n1").equals("X")
                        && mon.cell("Arbitrators", "127.0.0.1", "n3").equals("X"));
        assertEquals("warn", m.row("Arbitrators", "127.0.0.1").status(), m.text);
        lab.cut("n2");
        // 5 votes: n2 holds 1 + 2, the pair 2 and no arbitrator
        awaitMarker("n1", SPLIT);
        awaitMarker("n3", SPLIT);
        Thread.sleep(Duration.ofSeconds(3).toMillis());
        assertFalse(Files.exists(marker("n2")), "n2 reached the arbitrator and still ran its split_action");
    }

    /** Drops, inside a's network namespace, everything b sends on both networks (heartbeats included). */
    private static void drop(String a, String b) throws Exception {
        Lab.Result r = lab.exec(a, "sh", "-c", "nft add table inet omcut && nft add chain inet omcut in "
                + "'{ type filter hook input priority 0; }' && nft add rule inet omcut in ip saddr '{ "
                + Lab.addr(b, 1) + ", " + Lab.addr(b, 2) + " }' drop");
        assertEquals(0, r.exit(), r.toString());
    }

    private static void undrop(String a) throws Exception {
        lab.exec(a, "sh", "-c", "nft delete table inet omcut 2>/dev/null; true");
    }

    /**
     * Simulation D6 in a real cluster: only the link between n1 and n2 is cut, n3 hears both. n2 loses n1 but keeps
     * the quorum (n2 and n3): before deaths needed a majority's agreement, n2, the next leader of agr1, took it over
     * after the ready period while n1 still ran it. Now n2 logs that n1 is lost but not dead for orchestration, n3
     * (which holds n1's data) does not agree, and agr1 stays on n1 alone; nobody runs a split action.
     */
    @Test
    @Order(3)
    void aLinkCutBetweenTwoNodesIsNoTakeoverWhileAThirdHearsBoth() throws Exception {
        for (String n : lab.nodes()) {
            setQuorum(n, "");
        }
        Thread.sleep(NOTICE.toMillis());
        AppJournal apps = new AppJournal(lab.labRoot().resolve("apps"), lab.nodes());
        lab.createReplicated(apps.dir, "agr1", apps.config("orchestrate = ha\n", "true"), lab.nodes(),
                Duration.ofSeconds(40));
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!apps.up("agr1").equals(java.util.Set.of("n1")) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertEquals(java.util.Set.of("n1"), apps.up("agr1"), "started on its leader; " + apps.entries("agr1"));
        try (AppJournal.Sampler s = apps.sampler("agr1", 1)) {
            drop("n1", "n2");
            drop("n2", "n1");
            Path log = lab.root("n2").resolve("log/node.log");
            String held = "n1 is lost but not dead for orchestration until a majority of the votes agrees (quorum on):"
                    + " only n2 lost it";
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!(Files.exists(log) && Files.readString(log).contains(held)) && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            org.junit.jupiter.api.Assertions.assertTrue(Files.readString(log).contains(held),
                    "n2 logged why it does not take over; om mon on n2:\n" + lab.mon("n2").out());
            // past the ready period (5 s) and more: still on n1 only
            Thread.sleep(Duration.ofSeconds(5 + 3 + 2).toMillis());
            assertEquals(java.util.Set.of("n1"), apps.up("agr1"), "journal " + apps.entries("agr1"));
            org.junit.jupiter.api.Assertions.assertNull(s.violation(), "pid files sampled");
            org.junit.jupiter.api.Assertions.assertNull(apps.mostAtOnce("agr1", 1), "journal");
        } finally {
            undrop("n1");
            undrop("n2");
        }
        for (String n : lab.nodes()) {
            assertFalse(Files.exists(marker(n)), n + " ran its split_action though every node kept the quorum");
        }
    }
    /**
     * Simulation D4 in a real cluster: n2 boots cut off from n1 and n3 (SIGKILLed, cut, started again), so it
     * never hears a peer and loses none; its rejoin grace freezes it and the operator thaws it. It is agr1's
     * only candidate in its own view, but 1 vote of 3 is no quorum: agr1 waits in {@code wait quorum} on n2 and
     * stays on n1 alone, also once the network heals.
     */
    @Test
    @Order(4)
    void aNodeBootedCutOffAndThawedStartsNothingWithoutTheQuorum() throws Exception {
        for (String n : lab.nodes()) {
            setQuorum(n, "[node]\nrejoin_grace_period = 6s\n");
        }
        Thread.sleep(NOTICE.toMillis());
        AppJournal apps = new AppJournal(lab.labRoot().resolve("apps"), lab.nodes());
        if (lab.status("n1") == null || Lab.instance(lab.status("n1"), "n1", "agr1").isMissingNode()) {
            lab.createReplicated(apps.dir, "agr1", apps.config("orchestrate = ha\n", "true"), lab.nodes(),
                    Duration.ofSeconds(40));
        }
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!apps.up("agr1").equals(java.util.Set.of("n1")) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertEquals(java.util.Set.of("n1"), apps.up("agr1"), "on its leader; " + apps.entries("agr1"));
        try (AppJournal.Sampler s = apps.sampler("agr1", 1)) {
            lab.kill("n2");
            lab.cut("n2");
            lab.start("n2");
            Path log = lab.root("n2").resolve("log/node.log");
            String frozen = "rejoin grace period expired: local node has been frozen";
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(Files.exists(log) && Files.readString(log).contains(frozen)) && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            org.junit.jupiter.api.Assertions.assertTrue(Files.readString(log).contains(frozen), "n2 froze itself");
            Lab.Result thaw = lab.om("n2", "node", "thaw");
            assertEquals(0, thaw.exit(), thaw.toString());
            lab.awaitStatus("n2", Duration.ofSeconds(15), "agr1 in wait quorum on n2", st ->
                    Lab.instance(st, "n2", "agr1").path("monitor").path("state").asText("").equals("wait quorum"));
            org.junit.jupiter.api.Assertions.assertTrue(Files.readString(log).contains("no quorum (quorum on"),
                    "n2 logged why");
            // past the ready period (5 s) and more: still on n1 only, then the network heals
            Thread.sleep(Duration.ofSeconds(5 + 3).toMillis());
            assertEquals(java.util.Set.of("n1"), apps.up("agr1"), "journal " + apps.entries("agr1"));
            lab.heal();
            lab.awaitFormed(Duration.ofSeconds(30));
            lab.awaitStatus("n2", Duration.ofSeconds(15), "agr1 out of wait quorum on n2", st ->
                    !Lab.instance(st, "n2", "agr1").path("monitor").path("state").asText("").equals("wait quorum"));
            Thread.sleep(Duration.ofSeconds(3).toMillis());
            assertEquals(java.util.Set.of("n1"), apps.up("agr1"), "journal " + apps.entries("agr1"));
            org.junit.jupiter.api.Assertions.assertNull(s.violation(), "pid files sampled");
            org.junit.jupiter.api.Assertions.assertNull(apps.mostAtOnce("agr1", 1), "journal");
        }
    }
}
