package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
 * Issue 9, Tests, first item, on three real daemons in om-lab: the datasets, {@code om mon} of every node, config
 * replication (create, set, delete) and a local start seen from a peer.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.LAB)
class ClusterE2EIT {
    private static final Duration FORMED = Duration.ofSeconds(30);
    // within seconds; the bound also covers one retry of the replicator (30 s) on a loaded machine
    private static final Duration REPLICATED = Duration.ofSeconds(40);
    private static final List<String> HB_ROWS = List.of("hb#1.rx", "hb#1.tx", "hb#2.rx", "hb#2.tx");
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

    @Test
    @Order(1)
    void everyNodesDatasetHoldsAllThree() throws Exception {
        lab.awaitFormed(FORMED);
        for (String n : lab.nodes()) {
            assertEquals(List.of("n1", "n2", "n3"), Lab.nodesOf(lab.status(n)), n);
        }
    }

    @Test
    @Order(2)
    void monOnEachNodeShowsThreeColumnsWithPeersBeatingAndItselfNotApplicable() throws Exception {
        for (String self : lab.nodes()) {
            Mon m = lab.awaitMon(self, FORMED, "showing every peer O on every heartbeat", mon -> {
                for (String row : HB_ROWS) {
                    for (String n : lab.nodes()) {
                        if (!mon.cell("Threads", row, n).equals(n.equals(self) ? "/" : "O")) {
                            return false;
                        }
                    }
                }
                return true;
            });
            for (String section : List.of("Threads", "Nodes", "Services")) {
                assertEquals(List.of("n1", "n2", "n3"), m.columns(section), section + " on " + self + ":\n" + m);
            }
            assertEquals("running", m.row("Threads", "hb#1.rx").status(), m.text);
            assertEquals(Lab.addr(self, 1) + ":10001", m.row("Threads", "hb#1.rx").info(), m.text);
            assertEquals("224.3.29.71:10002", m.row("Threads", "hb#2.rx").info(), m.text);
        }
    }

    private static Path configFile(String node, String name) {
        return lab.root(node).resolve("etc").resolve(name + ".conf");
    }

    /** Writes a config where bin/om of every node can read it (the nodes share the host's /tmp folder tree). */
    private static Path writeTemp(String text) throws Exception {
        Path f = Files.createTempFile(Path.of("target", "labs").toAbsolutePath(), "cfg", ".conf");
        Files.writeString(f, text);
        return f;
    }

    private static void awaitFile(String node, String name, String containing) throws Exception {
        Path f = configFile(node, name);
        long end = System.nanoTime() + REPLICATED.toNanos();
        while (System.nanoTime() < end) {
            if (Files.exists(f) && Files.readString(f).contains(containing)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " with '" + containing + "' did not reach " + node + " within " + REPLICATED
                + (Files.exists(f) ? ":\n" + Files.readString(f) : " (no file)"));
    }

    @Test
    @Order(3)
    void aConfigCreatedOnOneNodeReachesTheOthersThenASetThenADeleteRemovesItEverywhere() throws Exception {
        lab.awaitFormed(FORMED);
        Path cfg = writeTemp("[DEFAULT]\nnodes = n1 n2 n3\norchestrate = no\n\n[app#0]\ntype = simple\n"
                + "start = /bin/sleep 1001\n");
        Lab.Result r = lab.om("n1", "rep1", "create", "--config", cfg.toString());
        assertEquals(0, r.exit(), r.toString());
        String created = Files.readString(configFile("n1", "rep1"));
        for (String n : List.of("n2", "n3")) {
            awaitFile(n, "rep1", "sleep 1001");
            assertEquals(created, Files.readString(configFile(n, "rep1")), "the very file, on " + n);
        }

        r = lab.om("n1", "rep1", "set", "--kw", "app#0.start=/bin/sleep 1002");
        assertEquals(0, r.exit(), r.toString());
        for (String n : List.of("n2", "n3")) {
            awaitFile(n, "rep1", "sleep 1002");
        }

        r = lab.om("n1", "rep1", "delete");
        assertEquals(0, r.exit(), r.toString());
        for (String n : List.of("n2", "n3")) {
            Path f = configFile(n, "rep1");
            long end = System.nanoTime() + REPLICATED.toNanos();
            while (Files.exists(f) && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertFalse(Files.exists(f), "rep1 still on " + n + " after its delete on n1");
        }
        // a peer that still had it must not bring it back: several heartbeat intervals later it is still gone
        Thread.sleep(5000);
        for (String n : lab.nodes()) {
            assertFalse(Files.exists(configFile(n, "rep1")), "rep1 came back on " + n);
            assertEquals("", lab.om(n, "rep1", "ls").out().trim(), "rep1 listed on " + n);
        }
    }

    @Test
    @Order(4)
    void aLocalStartOnN2ShowsUpInN2sCellOnN1AndEveryNodeShowsTheSameServicesRows() throws Exception {
        lab.awaitFormed(FORMED);
        Path cfg = writeTemp("[DEFAULT]\nnodes = n1 n2 n3\norchestrate = no\n\n[app#0]\ntype = simple\n"
                + "start = /bin/sleep 1003\n");
        Lab.Result r = lab.om("n1", "loc1", "create", "--config", cfg.toString());
        assertEquals(0, r.exit(), r.toString());
        awaitFile("n2", "loc1", "sleep 1003");
        awaitFile("n3", "loc1", "sleep 1003");
        r = lab.om("n2", "loc1", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        // n3 evaluates its instance once the replicated config is installed: "/" (no data) until then
        Mon m = lab.awaitMon("n1", REPLICATED, "showing loc1 up on n2 and down on n1 and n3",
                mon -> mon.cell("Services", "loc1", "n2").startsWith("O")
                        && mon.cell("Services", "loc1", "n1").startsWith("X")
                        && mon.cell("Services", "loc1", "n3").startsWith("X"));
        assertEquals("up", m.row("Services", "loc1").status().replaceAll("[!^]", ""), m.text);
        // the three daemons aggregate the same instances into the same rows; n1's rows may still change (an
        // instance's warn settles a beat later), so each node is compared with n1's rows of the same moment
        for (String n : List.of("n2", "n3")) {
            long end = System.nanoTime() + REPLICATED.toNanos();
            Mon onN1;
            Mon onN;
            do {
                onN1 = Mon.parse(lab.mon("n1").out());
                onN = Mon.parse(lab.mon(n).out());
                if (onN.rows("Services").equals(onN1.rows("Services"))) {
                    break;
                }
                Thread.sleep(200);
            } while (System.nanoTime() < end);
            assertEquals(onN1.rows("Services"), onN.rows("Services"),
                    n + " and n1 aggregate loc1 differently:\n" + onN1.text + "\n" + onN.text);
        }
        r = lab.om("n2", "loc1", "stop", "--local");
        assertEquals(0, r.exit(), r.toString());
        lab.awaitMon("n1", REPLICATED, "showing loc1 down on n2",
                mon -> mon.cell("Services", "loc1", "n2").startsWith("X"));
    }
}
