package om.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.status.InstanceStatus;

/**
 * The one codec of the dataset documents of status.md sections 6 and 8, both ways: {@code om daemon status
 * --format json}, {@code om mon --format json}, the node API and the heartbeat messages (whose node data is
 * {@code monitor.nodes.<node>}) all write them here, and the daemon reads peers' node data back here.
 * Decoding is strict about types and lenient about unknown members (a newer peer may add some); a document that
 * does not decode throws {@link IllegalArgumentException} naming the member.
 */
public final class DatasetJson {
    private DatasetJson() {
    }

    /** The instance document of section 6, without {@code path}, {@code node} and {@code object}. */
    public static ObjectNode instance(InstanceStatus status, InstanceMonitor monitor) {
        throw new UnsupportedOperationException("in progress");
    }

    /** One node's data, {@code monitor.nodes.<node>} of section 8. */
    public static ObjectNode nodeData(NodeData data) {
        throw new UnsupportedOperationException("in progress");
    }

    /**
     * Reads node data back ({@code node} and {@code path} of its instances are taken from the keys).
     *
     * @throws IllegalArgumentException when the document does not decode
     */
    public static NodeData nodeData(String node, JsonNode doc) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Reads one instance document back: its status and monitor. */
    public static InstanceStatus instanceStatus(String node, String path, JsonNode doc) {
        throw new UnsupportedOperationException("in progress");
    }

    /** Reads the monitor member of an instance document, null when absent. */
    public static InstanceMonitor instanceMonitor(JsonNode doc) {
        throw new UnsupportedOperationException("in progress");
    }

    /** The whole dataset of section 8. */
    public static ObjectNode daemonStatus(DaemonStatus status) {
        throw new UnsupportedOperationException("in progress");
    }
}
