package om.daemon.internal.cluster;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.status.Status;

/** Node data for the cluster tests: {@code n} objects, each with one instance and config, millisecond times. */
final class Data {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123Z");

    private Data() {
    }

    static String path(int i) {
        return i % 2 == 0 ? "svc" + i : "ns1/svc/web" + i;
    }

    static InstanceStatus instance(String path, String node, Status avail) {
        ResourceStatus app = new ResourceStatus("app#0", "app.simple", "simple app", avail, "true", true, false,
                false, false, false, false, avail == Status.UP, 0, -1, null, List.of("web"), List.of());
        return new InstanceStatus(path, node, "svc", "failover", "no", avail, avail, Status.NA, "true", false, null,
                T0, null, avail == Status.UP ? List.of("app#0") : List.of(), Map.of("app#0", app), 50);
    }

    static NodeData node(String node, int objects) {
        Map<String, ObjectConfigSummary> configs = new TreeMap<>();
        Map<String, InstanceStatus> instances = new TreeMap<>();
        Map<String, InstanceMonitor> monitors = new TreeMap<>();
        for (int i = 0; i < objects; i++) {
            String p = path(i);
            configs.put(p, new ObjectConfigSummary(List.of("n1", "n2"), "c" + i, T0));
            instances.put(p, instance(p, node, Status.DOWN));
            monitors.put(p, InstanceMonitor.idle(false));
        }
        return new NodeData(new NodeMonitor("idle", "none", T0), false, null, T0, Map.of(node, 1L),
                new NodeStats(0.5, 90, 1000, 50, 0, 100), Map.of(), configs, instances, monitors, Map.of());
    }

    /** {@code d} with one instance's status replaced. */
    static NodeData withInstance(NodeData d, String path, InstanceStatus st) {
        Map<String, InstanceStatus> i = new TreeMap<>(d.instances());
        i.put(path, st);
        return new NodeData(d.monitor(), d.frozen(), d.frozenAt(), d.updatedAt(), d.gen(), d.stats(), d.arbitrators(),
                d.configs(), i, d.monitors(), d.deleted());
    }

    static NodeData withMonitor(NodeData d, String state) {
        return new NodeData(new NodeMonitor(state, "none", T0.plusSeconds(1)), d.frozen(), d.frozenAt(), d.updatedAt(),
                d.gen(), d.stats(), d.arbitrators(), d.configs(), d.instances(), d.monitors(), d.deleted());
    }

    static NodeData withoutObject(NodeData d, String path) {
        Map<String, InstanceStatus> i = new TreeMap<>(d.instances());
        Map<String, InstanceMonitor> m = new TreeMap<>(d.monitors());
        Map<String, ObjectConfigSummary> c = new TreeMap<>(d.configs());
        i.remove(path);
        m.remove(path);
        c.remove(path);
        Map<String, Instant> del = new TreeMap<>(d.deleted());
        del.put(path, T0.plusSeconds(5));
        return new NodeData(d.monitor(), d.frozen(), d.frozenAt(), d.updatedAt(), d.gen(), d.stats(), d.arbitrators(),
                c, i, m, del);
    }

    static NodeData withGenAndTime(NodeData d, Map<String, Long> gen, Instant at) {
        return new NodeData(d.monitor(), d.frozen(), d.frozenAt(), at, gen, d.stats(), d.arbitrators(), d.configs(),
                d.instances(), d.monitors(), d.deleted());
    }
}
