package om.api.daemon;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import om.api.status.InstanceStatus;

/**
 * What one node publishes about itself (status.md section 8, {@code monitor.nodes.<node>}; heartbeats carry the
 * same): node monitor, frozen, figures, and per object held: its config summary, instance status and monitor.
 * Immutable; the maps are keyed by canonical object path and sorted.
 *
 * @param frozenAt  when the node was frozen, null when it is not
 * @param updatedAt when this data last changed
 * @param gen         per node, the last generation of that node's data applied here (own node: own generation)
 * @param arbitrators the arbitrators as this node sees them, by section name ({@code arbitrator#1})
 * @param deleted     objects deleted on this node and when (config replication must not bring them back from
 *                    a peer that still had them), kept for a while
 */
public record NodeData(NodeMonitor monitor, boolean frozen, Instant frozenAt, Instant updatedAt, Map<String, Long> gen,
                       NodeStats stats, Map<String, ArbitratorStatus> arbitrators,
                       Map<String, ObjectConfigSummary> configs, Map<String, InstanceStatus> instances,
                       Map<String, InstanceMonitor> monitors, Map<String, Instant> deleted) {
    public NodeData {
        gen = sorted(gen);
        arbitrators = sorted(arbitrators);
        configs = sorted(configs);
        instances = sorted(instances);
        monitors = sorted(monitors);
        deleted = sorted(deleted);
    }

    /** Without arbitrators and deletions (the shape of 1.0). */
    public NodeData(NodeMonitor monitor, boolean frozen, Instant frozenAt, Instant updatedAt, Map<String, Long> gen,
                    NodeStats stats, Map<String, ObjectConfigSummary> configs, Map<String, InstanceStatus> instances,
                    Map<String, InstanceMonitor> monitors) {
        this(monitor, frozen, frozenAt, updatedAt, gen, stats, Map.of(), configs, instances, monitors, Map.of());
    }

    /** The same data limited to the objects whose path {@code keep} accepts. */
    public NodeData select(Predicate<String> keep) {
        return new NodeData(monitor, frozen, frozenAt, updatedAt, gen, stats, arbitrators, filter(configs, keep),
                filter(instances, keep), filter(monitors, keep), filter(deleted, keep));
    }

    static <V> SortedMap<String, V> filter(Map<String, V> m, Predicate<String> keep) {
        SortedMap<String, V> out = new TreeMap<>();
        m.forEach((k, v) -> {
            if (keep.test(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    static <V> Map<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }
}
