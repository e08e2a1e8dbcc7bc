package om.daemon.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import om.api.daemon.DaemonEvent;
import om.api.daemon.NodeData;
import om.api.daemon.NodeStats;
import om.api.json.DatasetJson;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

/** The batches between two versions of the local node data, and the peer's typed data rebuilt from them. */
class BatchesTest {
    private static final String WEB = Data.path(1);

    /** The benchmark's rule: at 1,000 objects one instance change is a patch of one op. */
    @Test
    void oneInstanceChangeAtAThousandObjectsIsOneOp() {
        NodeData a = Data.node("n1", 1000);
        InstanceStatus up = Data.instance(WEB, "n1", Status.UP);
        NodeData b = Data.withInstance(a, WEB, up);
        List<Op> ops = Batches.diff(a, b);
        assertEquals(1, ops.size(), ops.toString());
        assertEquals(Op.REPLACE, ops.get(0).op());
        assertEquals("/services/status/ns1~1svc~1web1", ops.get(0).path());
        assertEquals(DatasetJson.instance(up, b.monitors().get(WEB)), ops.get(0).value());
        assertEquals(List.of(), Batches.diff(b, b));
    }

    @Test
    void nodeMembersConfigsAndDeletionsHaveTheirOwnOps() {
        NodeData a = Data.node("n1", 3);
        assertEquals(List.of("/monitor"), paths(Batches.diff(a, Data.withMonitor(a, "maintenance"))));
        NodeData stats = new NodeData(a.monitor(), a.frozen(), a.frozenAt(), a.updatedAt(), a.gen(),
                new NodeStats(2.5, 40, 1000, 10, 0, 100), a.arbitrators(), a.configs(), a.instances(), a.monitors(),
                a.deleted());
        assertEquals(List.of("/stats"), paths(Batches.diff(a, stats)));
        NodeData frozen = new NodeData(a.monitor(), true, Data.T0, a.updatedAt(), a.gen(), a.stats(), a.arbitrators(),
                a.configs(), a.instances(), a.monitors(), a.deleted());
        assertEquals(List.of("/frozen", "/frozen_at"), paths(Batches.diff(a, frozen)));
        String gone = Data.path(2);
        assertEquals(List.of("/services/deleted", "/services/config/svc2", "/services/status/svc2"),
                paths(Batches.diff(a, Data.withoutObject(a, gone))));
        assertEquals(Op.REMOVE, Batches.diff(a, Data.withoutObject(a, gone)).get(2).op());
        // what travels in the message, never in a batch
        NodeData later = Data.withGenAndTime(a, Map.of("n1", 7L, "n2", 3L), Instant.now());
        assertEquals(List.of(), Batches.diff(a, later));
    }

    private static List<String> paths(List<Op> ops) {
        return ops.stream().map(Op::path).toList();
    }

    /**
     * The peer's side: our tree patched with the batches is the document of our new data, and the typed data it
     * rebuilds from the touched parts only equals a whole decode.
     */
    @Test
    void thePeerRebuildsTheSameTypedDataFromTheTouchedParts() throws Exception {
        NodeData a = Data.node("n1", 50);
        Exchange n1 = new Exchange("n1");
        Exchange n2 = new Exchange("n2");
        n1.baseline(DatasetJson.nodeData(a));
        Instant t = Data.T0;
        n2.receive(Message.decode(n1.next(t = t.plusSeconds(1), List.of("n2")).encode()));
        n1.receive(Message.decode(n2.next(t = t.plusSeconds(1), List.of("n1")).encode()));
        Exchange.Received full = n2.receive(Message.decode(n1.next(t = t.plusSeconds(1), List.of("n2")).encode()));
        assertEquals(Exchange.Change.REPLACED, full.change());
        PeerViews.Update first = PeerViews.update("n1", full, null, t);
        assertEquals(List.of("NodeDataUpdated"), kinds(first.events()));
        n1.receive(Message.decode(n2.next(t = t.plusSeconds(1), List.of("n1")).encode()));

        NodeData b = Data.withMonitor(Data.withoutObject(
                Data.withInstance(a, WEB, Data.instance(WEB, "n1", Status.UP)), Data.path(4)), "maintenance");
        assertTrue(n1.commit(Batches.diff(a, b)));
        Exchange.Received patch = n2.receive(Message.decode(n1.next(t = t.plusSeconds(1), List.of("n2")).encode()));
        assertEquals(Exchange.Change.PATCHED, patch.change());
        PeerViews.Update u = PeerViews.update("n1", patch, first.data(), t);

        // through JSON text, as the peer has it (numbers read back as ints, not longs)
        ObjectNode expected = (ObjectNode) om.api.json.Json.mapper().readTree(
                om.api.json.Json.mapper().writeValueAsBytes(DatasetJson.nodeData(b)));
        expected.remove("gen");
        expected.remove("updated_at");
        ObjectNode tree = n2.tree("n1").deepCopy();
        tree.remove("gen");
        tree.remove("updated_at");
        assertEquals("", firstDifference("", expected, tree));

        NodeData whole = DatasetJson.nodeData("n1", n2.tree("n1"));
        assertEquals(whole, u.data());
        assertEquals(Status.UP, u.data().instances().get(WEB).avail());
        assertEquals("maintenance", u.data().monitor().state());
        assertEquals(Set.of(Data.path(4)), u.data().deleted().keySet());
        // the node's events, then the objects' in path order
        assertEquals(List.of("NodeMonitorUpdated", "NodeDataUpdated", "InstanceStatusUpdated",
                "InstanceStatusDeleted"), kinds(u.events()));
    }

    /** The pointer of the first member that differs, "" when none: a readable failure for big documents. */
    static String firstDifference(String at, com.fasterxml.jackson.databind.JsonNode a,
                                  com.fasterxml.jackson.databind.JsonNode b) {
        if (a.equals(b)) {
            return "";
        }
        if (a.isObject() && b.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String n : names) {
                if (!a.has(n) || !b.has(n)) {
                    return at + "/" + n + (a.has(n) ? " only expected" : " only actual");
                }
                String d = firstDifference(at + "/" + n, a.get(n), b.get(n));
                if (!d.isEmpty()) {
                    return d;
                }
            }
        }
        return at + ": " + a + " vs " + b;
    }

    private static List<String> kinds(List<DaemonEvent> ev) {
        List<String> out = new ArrayList<>();
        ev.forEach(e -> out.add(e.kind()));
        return out;
    }
}
