package om.daemon.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import om.api.ObjectPath;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

/** What a peer's change means for the aggregation: which objects to aggregate again. */
class PeerChangesTest {
    private static final NodeMonitor IDLE = new NodeMonitor(NodeMonitor.IDLE, NodeMonitor.NONE, Instant.EPOCH);
    private static final Map<String, InstanceStatus> INSTANCES = new java.util.HashMap<>();
    private static final NodeStats STATS = new NodeStats(0.5, 90, 1000, 50, 0, 100);

    private static NodeData node(NodeMonitor mon, boolean frozen, NodeStats stats, Map<String, Status> objects) {
        Map<String, InstanceStatus> inst = new TreeMap<>();
        Map<String, InstanceMonitor> mons = new TreeMap<>();
        Map<String, ObjectConfigSummary> cfg = new TreeMap<>();
        objects.forEach((p, avail) -> {
            // one record per path and avail, as decoding the same document gives equal records
            inst.put(p, INSTANCES.computeIfAbsent(p + "/" + avail,
                    k -> Fakes.instance(ObjectPath.parse(p), "n2", avail, false, "true")));
            mons.put(p, InstanceMonitor.idle(false));
            cfg.put(p, new ObjectConfigSummary(List.of("n1", "n2"), "sum-" + p, Instant.EPOCH));
        });
        return new NodeData(mon, frozen, frozen ? Instant.EPOCH : null, Instant.now(), Map.of("n2", 1L), stats, cfg,
                inst, mons);
    }

    @Test
    void aPeerComingOrGoingOrChangingItsNodeMonitorOrFrozenFlagIsEverything() {
        NodeData d = node(IDLE, false, STATS, Map.of("a", Status.UP));
        assertTrue(PeerChanges.between(null, Map.of("n2", d)).all(), "nothing aggregated yet");
        assertTrue(PeerChanges.between(Map.of(), Map.of("n2", d)).all());
        assertTrue(PeerChanges.between(Map.of("n2", d), Map.of()).all());
        NodeMonitor rejoin = new NodeMonitor("rejoin", NodeMonitor.NONE, Instant.EPOCH);
        assertTrue(PeerChanges.between(Map.of("n2", d), Map.of("n2", node(rejoin, false, STATS, Map.of("a",
                Status.UP)))).all());
        assertTrue(PeerChanges.between(Map.of("n2", d), Map.of("n2", node(IDLE, true, STATS, Map.of("a",
                Status.UP)))).all());
    }

    @Test
    void newFiguresAloneTouchNoObject() {
        Map<String, Status> same = Map.of("a", Status.UP, "b", Status.DOWN);
        NodeData before = node(IDLE, false, STATS, same);
        NodeData after = node(IDLE, false, new NodeStats(0.7, 88, 1000, 49, 0, 100), same);
        PeerChanges c = PeerChanges.between(Map.of("n2", before), Map.of("n2", after));
        assertFalse(c.all());
        assertEquals(Set.of(), c.paths(), "equal instances decoded again are no change");
    }

    @Test
    void theObjectsWhoseInstancesDifferAreNamed() {
        NodeData before = node(IDLE, false, STATS, Map.of("a", Status.UP, "b", Status.DOWN, "gone", Status.UP));
        NodeData after = node(IDLE, false, STATS, Map.of("a", Status.UP, "b", Status.UP, "new", Status.DOWN));
        PeerChanges c = PeerChanges.between(Map.of("n2", before), Map.of("n2", after));
        assertFalse(c.all());
        assertEquals(Set.of("b", "gone", "new"), c.paths());
    }
}
