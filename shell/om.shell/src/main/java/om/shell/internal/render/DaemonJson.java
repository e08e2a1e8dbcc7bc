package om.shell.internal.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import om.api.daemon.DaemonStatus;
import om.api.json.DatasetJson;

/**
 * The document of {@code om daemon status --format json} and {@code om mon --format json} (status.md section 8):
 * the dataset as {@link DatasetJson} writes it (the same document the node API serves), plus the shell's
 * {@code extra} members.
 */
public final class DaemonJson {
    private DaemonJson() {
    }

    /** The dataset; {@code extra} members (e.g. {@code log}) are added after the threads. */
    public static ObjectNode of(Json json, DaemonStatus st, Map<String, Object> extra) {
        ObjectNode root = DatasetJson.daemonStatus(st);
        extra.forEach((k, v) -> root.set(k, json.valueToTree(v)));
        return root;
    }
}
