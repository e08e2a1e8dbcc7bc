package om.daemon.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import om.api.daemon.DaemonEvent;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.json.DatasetJson;
import om.api.json.Json;
import om.api.status.InstanceStatus;

/**
 * One event of {@code GET /api/daemon/events}: {@code {"kind", "at", "node", "path", "data"}}. The data of the
 * dataset's records is written by the dataset codec ({@link DatasetJson}), so an event carries an instance, a
 * monitor, an object, a config, node stats or a heartbeat with the very member names of {@code GET
 * /api/daemon/status} (a client applies an event to the document it read); anything else (the node monitor, an
 * {@code OrchestrationEnd} outcome, the count of lost events) through the om JSON mapper, in snake case.
 */
final class EventJson {
    private EventJson() {
    }

    static ObjectNode event(DaemonEvent e) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("kind", e.kind());
        o.put("at", Json.time(e.at()));
        o.put("node", e.node());
        o.put("path", e.path());
        o.set("data", data(e.data()));
        return o;
    }

    static JsonNode data(Object data) {
        if (data == null) {
            return NullNode.getInstance();
        }
        if (data instanceof InstanceStatus s) {
            return DatasetJson.instance(s, null);
        }
        if (data instanceof InstanceMonitor m) {
            return DatasetJson.monitor(m);
        }
        if (data instanceof ObjectStatus s) {
            return DatasetJson.objectStatus(s);
        }
        if (data instanceof ObjectConfigSummary c) {
            return DatasetJson.config(c);
        }
        if (data instanceof NodeStats s) {
            return DatasetJson.nodeStats(s);
        }
        if (data instanceof HeartbeatStatus hb) {
            return DatasetJson.heartbeat(hb);
        }
        if (data instanceof NodeData d) {
            return DatasetJson.nodeData(d);
        }
        return Json.mapper().valueToTree(data);
    }
}
