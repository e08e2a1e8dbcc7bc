package om.shell.internal.render;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/** A small two-node dataset for the render golden tests. */
final class Datasets {
    static final Instant T = Instant.parse("2025-01-10T09:12:03.123Z");

    private Datasets() {
    }

    static InstanceStatus instance(String path, String node, Status avail, Status overall, boolean frozen,
                                   String provisioned) {
        return new InstanceStatus(path, node, "svc", "failover", "no", avail, overall, Status.NA, provisioned, frozen,
                frozen ? T : null, T, null, List.of(), Map.of(), 0);
    }

    static DaemonStatus twoNodes() {
        ThreadStatus running = new ThreadStatus("running", T, List.of());
        NodeData n1 = new NodeData(new NodeMonitor("idle", "none", T), false, null, T, Map.of("n1", 3L),
                new NodeStats(0.4, 95, 15900, 71, 2047, 100),
                Map.of("web", new ObjectConfigSummary(List.of("n1", "n2"), "abc", T),
                        "db", new ObjectConfigSummary(List.of("n1"), "", T)),
                Map.of("web", instance("web", "n1", Status.UP, Status.WARN, false, "true"),
                        "db", instance("db", "n1", Status.DOWN, Status.DOWN, true, "false")),
                Map.of("web", InstanceMonitor.idle(true), "db", InstanceMonitor.idle(false)));
        NodeData n2 = new NodeData(new NodeMonitor("idle", "none", T), true, T, T, Map.of("n2", 1L),
                NodeStats.UNKNOWN, Map.of(), Map.of(), Map.of());
        return new DaemonStatus(new ClusterIdentity("c1", "id1", List.of("n2", "n1"), false),
                Map.of("listener", running, "monitor", running, "scheduler", running),
                Map.of("n1", n1, "n2", n2),
                Map.of("web", new ObjectStatus(Status.UP, Status.WARN, "optimal", "unfrozen", "true", "failover", "no",
                                1, 2, 1, 1, List.of("n1", "n2")),
                        "db", new ObjectStatus(Status.DOWN, Status.DOWN, "n/a", "frozen", "false", "failover", "no",
                                1, 1, 1, 0, List.of("n1"))));
    }
}
