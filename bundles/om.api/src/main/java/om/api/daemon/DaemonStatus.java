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
 * @param heartbeats the details of the heartbeat threads, by the same names as in {@code threads}, sorted
 * @param nodes   the data of the local node and of every live peer (and of peers in their maintenance grace),
 *                sorted
 * @param objects the object aggregation of section 4 by canonical path, sorted
 * @param listener where the node API listens ({@code config} of the {@code listener} thread), null when unknown
 *                 (since 1.2)
 */
public record DaemonStatus(ClusterIdentity cluster, Map<String, ThreadStatus> threads,
                           Map<String, HeartbeatStatus> heartbeats, Map<String, NodeData> nodes,
                           Map<String, ObjectStatus> objects, ListenerEndpoint listener) {
    public DaemonStatus {
        threads = NodeData.sorted(threads);
        heartbeats = NodeData.sorted(heartbeats);
        nodes = NodeData.sorted(nodes);
        objects = NodeData.sorted(objects);
    }

    /** Without the listener endpoint (the shape of 1.1). */
    public DaemonStatus(ClusterIdentity cluster, Map<String, ThreadStatus> threads,
                        Map<String, HeartbeatStatus> heartbeats, Map<String, NodeData> nodes,
                        Map<String, ObjectStatus> objects) {
        this(cluster, threads, heartbeats, nodes, objects, null);
    }

    /** Without heartbeats (the shape of 1.0). */
    public DaemonStatus(ClusterIdentity cluster, Map<String, ThreadStatus> threads, Map<String, NodeData> nodes,
                        Map<String, ObjectStatus> objects) {
        this(cluster, threads, Map.of(), nodes, objects, null);
    }

    /** The dataset limited to the objects whose canonical path {@code keep} accepts (a selector). */
    public DaemonStatus select(Predicate<String> keep) {
        Map<String, NodeData> n = new LinkedHashMap<>();
        nodes.forEach((name, data) -> n.put(name, data.select(keep)));
        return new DaemonStatus(cluster, threads, heartbeats, n, NodeData.filter(objects, keep), listener);
    }
}
