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
 * @param gen       per node, the last generation of that node's data applied here (own node: own generation)
 */
public record NodeData(NodeMonitor monitor, boolean frozen, Instant frozenAt, Instant updatedAt, Map<String, Long> gen,
                       NodeStats stats, Map<String, ObjectConfigSummary> configs,
                       Map<String, InstanceStatus> instances, Map<String, InstanceMonitor> monitors) {
    public NodeData {
        gen = sorted(gen);
        configs = sorted(configs);
        instances = sorted(instances);
        monitors = sorted(monitors);
    }

    /** The same data limited to the objects whose path {@code keep} accepts. */
    public NodeData select(Predicate<String> keep) {
        return new NodeData(monitor, frozen, frozenAt, updatedAt, gen, stats, filter(configs, keep),
                filter(instances, keep), filter(monitors, keep));
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
