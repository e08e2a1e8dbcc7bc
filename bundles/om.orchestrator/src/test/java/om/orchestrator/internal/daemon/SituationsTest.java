package om.orchestrator.internal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonStatus;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.node.NodeConfig;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import om.core.internal.node.InstallationImpl;
import om.core.internal.node.NodeSettingsImpl;
import om.orchestrator.internal.quorum.QuorumWatchTest;
import om.orchestrator.api.NodeView;
import om.orchestrator.api.ObjectFacts;
import om.orchestrator.api.Situation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SituationsTest {
    static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");
    static final String PATH = "fo1";
    static final ObjectFacts FACTS = new ObjectFacts(PATH, "failover", "ha", null, List.of("n1", "n2"), List.of(),
            0, 0, 0, 50, true, Duration.ofSeconds(1), false);

    static InstanceStatus instance(String node, Status avail) {
        return new InstanceStatus(PATH, node, "svc", "failover", "ha", avail, avail, Status.NA, "true", false, null,
                T0, null, List.of(), Map.of(), 50);
    }

    static NodeData node(String node, Status avail) {
        return new NodeData(new NodeMonitor("idle", "none", T0), false, null, T0, Map.of(), NodeStats.UNKNOWN,
                Map.of(), Map.of(PATH, instance(node, avail)), Map.of());
    }

    /** The view of n1: the nodes it holds data of, and whether its rx on hb#1 hears n2 (tx rows say the contrary). */
    static DaemonStatus view(boolean withN2, boolean n2BeatingOnRx) {
        Map<String, NodeData> nodes = withN2 ? Map.of("n1", node("n1", Status.DOWN), "n2", node("n2", Status.UP))
                : Map.of("n1", node("n1", Status.DOWN));
        HeartbeatStatus.Stats none = new HeartbeatStatus.Stats(0, 0, 0);
        Map<String, HeartbeatStatus> hbs = Map.of(
                "hb#1.rx", new HeartbeatStatus("hb#1.rx", "unicast", "0.0.0.0", 10000, "1s", "3s",
                        Map.of("n2", new HeartbeatStatus.Peer(n2BeatingOnRx, T0)), null, none, Map.of()),
                "hb#1.tx", new HeartbeatStatus("hb#1.tx", "unicast", "0.0.0.0", 10000, "1s", "3s",
                        Map.of("n2", new HeartbeatStatus.Peer(true, T0)), null, none, Map.of()));
        return new DaemonStatus(new ClusterIdentity("c", "id", List.of("n1", "n2"), false), Map.of(), hbs, nodes,
                Map.of());
    }

    @TempDir
    Path root;

    /** The node config of n1: cluster.nodes and cluster.quorum as given. */
    private NodeConfig config(String nodes, boolean quorum) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/cluster.conf"), "[cluster]\nnodes = " + nodes + "\nquorum = " + quorum
                + "\n");
        return new NodeSettingsImpl(new InstallationImpl(root, "n1"), QuorumWatchTest.NO_DRIVERS).current();
    }

    @Test
    void aPeerGoneFromTheViewIsDeadWithItsLastDataUntilItBeatsAgain() throws Exception {
        Situations s = new Situations("n1", null);
        NodeConfig c = config("n1 n2", false);
        List<String> logged = new ArrayList<>();
        assertFalse(s.liveness(view(true, true), T0, c, logged::add));
        assertTrue(s.liveness(view(false, false), T0.plusSeconds(3), c, logged::add), "n2 left the view");
        NodeView dead = n2(s.of(FACTS, view(false, false), OwnMonitor.IDLE, T0.plusSeconds(4), Map.of()));
        assertFalse(dead.alive());
        assertEquals(T0.plusSeconds(3), dead.diedAt());
        assertEquals(Status.UP, dead.instance().avail(), "what it last reported");

        // heard again on a rx, its data not back yet: alive, its last data standing, so nothing takes over from it
        assertFalse(s.liveness(view(false, true), T0.plusSeconds(5), c, logged::add), "not back in the view yet");
        NodeView back = n2(s.of(FACTS, view(false, true), OwnMonitor.IDLE, T0.plusSeconds(5), Map.of()));
        assertTrue(back.alive());
        assertEquals(null, back.diedAt());
        assertEquals(Status.UP, back.instance().avail());
    }

    /** n1's view of n2 (gone) and n3 (live, its {@code gen} of n2 as given: 0 when it lost n2 too). */
    static DaemonStatus threeNodes(long n3GenOfN2) {
        NodeData n3 = new NodeData(new NodeMonitor("idle", "none", T0), false, null, T0,
                Map.of("n3", 5L, "n1", 7L, "n2", n3GenOfN2), NodeStats.UNKNOWN, Map.of(), Map.of(), Map.of());
        return new DaemonStatus(new ClusterIdentity("c", "id", List.of("n1", "n2", "n3"), false), Map.of(),
                Map.of(), Map.of("n1", node("n1", Status.DOWN), "n3", n3), Map.of());
    }

    @Test
    void withTheQuorumOnALostPeerIsDeadOnlyOnceAMajorityAgrees() throws Exception {
        Situations s = new Situations("n1", null);
        NodeConfig c = config("n1 n2 n3", true);
        List<String> logged = new ArrayList<>();
        DaemonStatus all = new DaemonStatus(new ClusterIdentity("c", "id", List.of("n1", "n2", "n3"), false),
                Map.of(), Map.of(), Map.of("n1", node("n1", Status.DOWN), "n2", node("n2", Status.UP)), Map.of());
        assertFalse(s.liveness(all, T0, c, logged::add));

        // n1 lost n2, n3 still holds its data (generation 9): n1 alone is no majority of 3, n2 stays alive here
        assertTrue(s.liveness(threeNodes(9), T0.plusSeconds(3), c, logged::add), "n2 left the view");
        NodeView held = n2(s.of(FACTS, threeNodes(9), OwnMonitor.IDLE, T0.plusSeconds(3), Map.of()));
        assertTrue(held.alive(), "not dead for orchestration: nothing is taken over from it");
        assertEquals(Status.UP, held.instance().avail());
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("n2 is lost but not dead for orchestration"), logged.get(0));
        assertFalse(s.liveness(threeNodes(9), T0.plusSeconds(4), c, logged::add));
        assertEquals(1, logged.size(), "logged once while the agreeing nodes stay the same");

        // n3 lost it too: 2 of 3 agree, n2 is dead from then
        assertTrue(s.liveness(threeNodes(0), T0.plusSeconds(6), c, logged::add));
        NodeView dead = n2(s.of(FACTS, threeNodes(0), OwnMonitor.IDLE, T0.plusSeconds(7), Map.of()));
        assertFalse(dead.alive());
        assertEquals(T0.plusSeconds(6), dead.diedAt(), "dead from the agreement: the ready period counts from it");
        assertEquals("n2 is dead for orchestration: n1,n3 agree", logged.get(1));

        // n3 holds n2's data again (n2 came back on its side only): the agreement ends, n2 is alive here again
        assertTrue(s.liveness(threeNodes(11), T0.plusSeconds(8), c, logged::add), "the agreement ended");
        assertTrue(n2(s.of(FACTS, threeNodes(11), OwnMonitor.IDLE, T0.plusSeconds(8), Map.of())).alive());
        assertTrue(s.liveness(threeNodes(0), T0.plusSeconds(9), c, logged::add));
        assertEquals(T0.plusSeconds(9),
                n2(s.of(FACTS, threeNodes(0), OwnMonitor.IDLE, T0.plusSeconds(9), Map.of())).diedAt(),
                "a new agreement: a new ready period");
    }

    @Test
    void withTheQuorumOnANodeThatHearsNoMajorityHasNoQuorum() throws Exception {
        Situations s = new Situations("n1", null);
        NodeConfig c = config("n1 n2 n3", true);
        List<String> logged = new ArrayList<>();
        ClusterIdentity id = new ClusterIdentity("c", "id", List.of("n1", "n2", "n3"), false);
        // booted cut off: no peer was ever in the view, so none is lost, but 1 vote of 3 is no quorum (D4)
        DaemonStatus alone = new DaemonStatus(id, Map.of(), Map.of(), Map.of("n1", node("n1", Status.DOWN)), Map.of());
        assertTrue(s.liveness(alone, T0, c, logged::add), "the quorum went: every object is evaluated again");
        assertFalse(s.of(FACTS, alone, OwnMonitor.IDLE, T0, Map.of()).quorum());
        assertTrue(logged.get(0).startsWith("no quorum"), logged.toString());
        assertFalse(s.liveness(alone, T0.plusSeconds(1), c, logged::add));
        assertEquals(1, logged.size(), "logged once");

        // n2's data is in the view but n2 does not hear us (its tx row is not beating): still no vote of ours
        HeartbeatStatus.Stats none = new HeartbeatStatus.Stats(0, 0, 0);
        Map<String, NodeData> both = Map.of("n1", node("n1", Status.DOWN), "n2", node("n2", Status.UP));
        DaemonStatus deaf = new DaemonStatus(id, Map.of(), Map.of("hb#1.tx", new HeartbeatStatus("hb#1.tx",
                "unicast", "0.0.0.0", 10000, "1s", "3s", Map.of("n2", new HeartbeatStatus.Peer(false, T0)), null,
                none, Map.of())), both, Map.of());
        s.liveness(deaf, T0.plusSeconds(2), c, logged::add);
        assertFalse(s.of(FACTS, deaf, OwnMonitor.IDLE, T0.plusSeconds(2), Map.of()).quorum());

        // n2 hears us: 2 of 3
        DaemonStatus pair = new DaemonStatus(id, Map.of(), Map.of(), both, Map.of());
        assertTrue(s.liveness(pair, T0.plusSeconds(3), c, logged::add));
        assertTrue(s.of(FACTS, pair, OwnMonitor.IDLE, T0.plusSeconds(3), Map.of()).quorum());
        assertEquals("quorum: failover instances may start here again", logged.get(logged.size() - 1));

        // with the quorum off a node alone has it
        Situations off = new Situations("n1", null);
        off.liveness(alone, T0, config("n1 n2 n3", false), logged::add);
        assertTrue(off.of(FACTS, alone, OwnMonitor.IDLE, T0, Map.of()).quorum());
    }

    @Test
    void aPeerThatLeftInMaintenanceStillVotes() throws Exception {
        Situations s = new Situations("n1", null);
        NodeConfig c = config("n1 n2 n3", true);
        List<String> logged = new ArrayList<>();
        ClusterIdentity id = new ClusterIdentity("c", "id", List.of("n1", "n2", "n3"), false);
        NodeData leaving = new NodeData(new NodeMonitor("maintenance", "none", T0), false, null, T0, Map.of(),
                NodeStats.UNKNOWN, Map.of(), Map.of(), Map.of());
        s.liveness(new DaemonStatus(id, Map.of(), Map.of(), Map.of("n1", node("n1", Status.DOWN), "n2", leaving),
                Map.of()), T0, c, logged::add);
        DaemonStatus gone = new DaemonStatus(id, Map.of(), Map.of(), Map.of("n1", node("n1", Status.DOWN)), Map.of());
        s.liveness(gone, T0.plusSeconds(20), c, logged::add);
        assertTrue(s.of(FACTS, gone, OwnMonitor.IDLE, T0.plusSeconds(20), Map.of()).quorum(),
                "om daemon stop on n2 is no split: n1 and n2 are 2 of 3");
    }

    /** n1's data at generation {@code gen}, its instance monitor {@code published} (null: none published yet). */
    static DaemonStatus readyView(long gen, om.api.daemon.InstanceMonitor published) {
        NodeData n1 = new NodeData(new NodeMonitor("idle", "none", T0), false, null, T0, Map.of("n1", gen, "n2", 4L),
                NodeStats.UNKNOWN, Map.of(), Map.of(PATH, instance("n1", Status.DOWN)),
                published == null ? Map.of() : Map.of(PATH, published));
        return new DaemonStatus(new ClusterIdentity("c", "id", List.of("n1", "n2"), false), Map.of(), Map.of(),
                Map.of("n1", n1, "n2", node("n2", Status.DOWN)), Map.of());
    }

    @Test
    void aPeerIsBehindUntilItAppliedTheGenerationThatCarriedOurState() {
        Situations s = new Situations("n1", null);
        Instant at = T0.plusSeconds(1);
        OwnMonitor ready = OwnMonitor.IDLE.with(new om.orchestrator.api.MonitorView("ready", at, "none",
                om.orchestrator.api.GlobalExpect.UNSET, null));
        // decided, not published yet: nobody has it, whatever the peer applied
        assertEquals(java.util.Set.of("n2"), s.of(FACTS, readyView(10, null), ready, at, Map.of(),
                Map.of("n2", 10L)).behind());
        // published at generation 12: n2 applied 11, then 12
        DaemonStatus v = readyView(12, ready.published("none", true));
        assertEquals(java.util.Set.of("n2"), s.of(FACTS, v, ready, at, Map.of(), Map.of("n2", 11L)).behind());
        assertEquals(java.util.Set.of(), s.of(FACTS, readyView(13, ready.published("none", true)), ready, at,
                Map.of(), Map.of("n2", 12L)).behind(), "12 carried it, whatever came after");
        // a peer that never said, or no word at all (an older daemon): nothing known, not behind
        assertEquals(java.util.Set.of(), s.of(FACTS, v, ready, at, Map.of(), Map.of()).behind());
    }

    @Test
    void aMemberNeverHeardWhoseDataThePeersHoldIsUnheardUntilAMajorityAgrees() throws Exception {
        NodeConfig c = config("n1 n2 n3", true);
        List<String> logged = new ArrayList<>();
        // n1 started and never heard n2, but n3 holds n2's data (generation 9): n2 may run the object
        Situations s = new Situations("n1", null);
        assertTrue(s.liveness(threeNodes(9), T0, c, logged::add));
        assertEquals(java.util.Set.of("n2"), s.of(FACTS, threeNodes(9), OwnMonitor.IDLE, T0, Map.of()).unheard());
        // n3 lost it too: n1 and n3 agree, 2 of 3
        assertTrue(s.liveness(threeNodes(0), T0.plusSeconds(1), c, logged::add));
        assertEquals(java.util.Set.of(), s.of(FACTS, threeNodes(0), OwnMonitor.IDLE, T0, Map.of()).unheard());
        // with the quorum off a node's own view is enough
        Situations off = new Situations("n1", null);
        off.liveness(threeNodes(9), T0, config("n1 n2 n3", false), logged::add);
        assertEquals(java.util.Set.of(), off.of(FACTS, threeNodes(9), OwnMonitor.IDLE, T0, Map.of()).unheard());
    }

    private static NodeView n2(Situation s) {
        return s.nodes().get("n2");
    }
}
