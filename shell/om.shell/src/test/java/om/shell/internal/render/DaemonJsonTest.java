package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.json.DatasetJson;
import om.api.status.InstanceStatus;
import org.junit.jupiter.api.Test;

/** The shell prints the codec's documents: what {@code om daemon status --format json} shows reads back. */
class DaemonJsonTest {
    private final Json json = new Json();

    @Test
    void theDaemonDocumentIsTheCodecsDatasetWithTheExtraMembers() {
        DaemonStatus st = Datasets.twoNodes();
        ObjectNode doc = DaemonJson.of(json, st, Map.of("log", Map.of("sinks", List.of())));
        ObjectNode expected = DatasetJson.daemonStatus(st);
        expected.set("log", json.valueToTree(Map.of("sinks", List.of())));
        assertEquals(expected, doc);
        assertEquals(st.nodes().get("n1"), DatasetJson.nodeData("n1", doc.path("monitor").path("nodes").path("n1")),
                "the printed node data reads back as the daemon's");
    }

    @Test
    void printStatusAddsPathNodeAndObjectAroundTheCodecsDocument() {
        InstanceStatus st = Datasets.instance("web", "n1", om.api.status.Status.UP, om.api.status.Status.WARN, false,
                "true");
        ObjectAggregate agg = ObjectAggregate.of(List.of(st), "failover", 1, 1);
        ObjectNode doc = InstanceJson.of(json, st, agg, true);
        List<String> names = new ArrayList<>();
        doc.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("path", "node"), names.subList(0, 2));
        assertEquals("object", names.get(names.size() - 1));
        assertEquals(st, DatasetJson.instanceStatus("n1", "web", doc));
        assertEquals(InstanceMonitor.idle(true), DatasetJson.instanceMonitor(doc),
                "without the daemon: an idle monitor, leader when a candidate");
        JsonNode bare = InstanceJson.of(json, st, null, null, false);
        assertTrue(bare.path("path").isMissingNode());
        assertEquals(DatasetJson.instance(st, InstanceMonitor.idle(true)), bare);
    }
}
