package om.orchestrator.internal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonStatus;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import om.orchestrator.api.NodeView;
import om.orchestrator.api.ObjectFacts;
import om.orchestrator.api.Situation;
import org.junit.jupiter.api.Test;

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

    @Test
    void aPeerGoneFromTheViewIsDeadWithItsLastDataUntilItBeatsAgain() {
        Situations s = new Situations("n1", null);
        assertFalse(s.liveness(view(true, true), T0));
        assertTrue(s.liveness(view(false, false), T0.plusSeconds(3)), "n2 left the view");
        NodeView dead = n2(s.of(FACTS, view(false, false), OwnMonitor.IDLE, T0.plusSeconds(4), Map.of()));
        assertFalse(dead.alive());
        assertEquals(T0.plusSeconds(3), dead.diedAt());
        assertEquals(Status.UP, dead.instance().avail(), "what it last reported");

        // heard again on a rx, its data not back yet: alive, its last data standing, so nothing takes over from it
        assertFalse(s.liveness(view(false, true), T0.plusSeconds(5)), "not back in the view yet");
        NodeView back = n2(s.of(FACTS, view(false, true), OwnMonitor.IDLE, T0.plusSeconds(5), Map.of()));
        assertTrue(back.alive());
        assertEquals(null, back.diedAt());
        assertEquals(Status.UP, back.instance().avail());
    }

    private static NodeView n2(Situation s) {
        return s.nodes().get("n2");
    }
}
