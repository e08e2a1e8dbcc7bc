package om.api.daemon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The daemon dataset (status.md section 8), the source of {@code om mon} and {@code om daemon status}: an
 * immutable snapshot, replaced as a whole when something changes.
 *
 * @param threads the daemon threads by name ({@code listener}, {@code monitor}, {@code scheduler},
 *                {@code hb#1.rx}...), sorted
 * @param nodes   the data of every known node (the local one, then peers as heartbeats bring them), sorted
 * @param objects the object aggregation of section 4 by canonical path, sorted
 */
public record DaemonStatus(ClusterIdentity cluster, Map<String, ThreadStatus> threads, Map<String, NodeData> nodes,
                           Map<String, ObjectStatus> objects) {
    public DaemonStatus {
        threads = NodeData.sorted(threads);
        nodes = NodeData.sorted(nodes);
        objects = NodeData.sorted(objects);
    }

    /** The dataset limited to the objects whose canonical path {@code keep} accepts (a selector). */
    public DaemonStatus select(Predicate<String> keep) {
        Map<String, NodeData> n = new LinkedHashMap<>();
        nodes.forEach((name, data) -> n.put(name, data.select(keep)));
        return new DaemonStatus(cluster, threads, n, NodeData.filter(objects, keep));
    }
}
