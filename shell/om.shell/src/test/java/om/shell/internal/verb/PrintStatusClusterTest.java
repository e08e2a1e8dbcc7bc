package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import om.api.ObjectPath;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.select.ObjectSelector;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import om.api.status.StatusService;
import om.shell.internal.FakeDaemon;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import om.shell.internal.Services;
import org.junit.jupiter.api.Test;

/** With the daemon up, print status shows every node's instance from the cluster's data (status.md section 5). */
class PrintStatusClusterTest {
    private static final Instant T = Instant.parse("2025-01-10T09:12:03.123Z");

    private static InstanceStatus inst(String path, String node, Status avail) {
        ResourceStatus app = new ResourceStatus("app#0", "app.forking", "forking app /bin/web start", avail,
                "true", false, false, false, false, false, false, false, 0, 0, null, List.of(), List.of());
        return new InstanceStatus(path, node, "svc", "failover", "ha", avail, avail, Status.NA, "true", false, null,
                T, null, List.of(), Map.of("app#0", app), 50);
    }

    private static NodeData node(boolean frozen, Map<String, InstanceStatus> inst, Map<String, InstanceMonitor> mon) {
        Map<String, ObjectConfigSummary> cfg = new java.util.TreeMap<>();
        inst.keySet().forEach(p -> cfg.put(p, new ObjectConfigSummary(List.of("n1", "n2"), "c", T)));
        return new NodeData(new NodeMonitor("idle", "none", T), frozen, frozen ? T : null, T, Map.of(),
                NodeStats.UNKNOWN, cfg, inst, mon);
    }

    private final Fakes.Store store = new Fakes.Store("web");
    private final FakeDaemon daemon = new FakeDaemon();
    private final StatusService status = new StatusService() {
        @Override
        public InstanceStatus get(ObjectPath path) {
            return inst(path.canonical(), "n1", Status.UP);
        }

        @Override
        public InstanceStatus refresh(ObjectPath path) {
            return get(path);
        }
    };

    private OmCommandRunner runner() {
        daemon.status = new DaemonStatus(new ClusterIdentity("c", "", List.of("n1", "n2"), false), Map.of(),
                Map.of("n1", node(false, Map.of("web", inst("web", "n1", Status.UP)),
                                Map.of("web", new InstanceMonitor("idle", "started", "started", true, T))),
                        "n2", node(true, Map.of("web", inst("web", "n2", Status.DOWN),
                                        "ns9/svc/remote", inst("ns9/svc/remote", "n2", Status.UP)),
                                Map.of("web", new InstanceMonitor("start failed", "started", "none", false, T)))),
                Map.of("web", new ObjectStatus(Status.UP, Status.UP, "optimal", "unfrozen", "true", "failover", "ha",
                                1, 2, 1, 1, List.of("n1", "n2")),
                        "ns9/svc/remote", new ObjectStatus(Status.UP, Status.UP, "n/a", "unfrozen", "true", "failover",
                                "ha", 1, 2, 1, 1, List.of("n1", "n2"))));
        // the selector of a daemon knows the peer-only object (om.selector's cluster universe)
        ObjectSelector sel = (expr, cancel) -> expr.equals("**")
                ? List.of(ObjectPath.parse("ns9/svc/remote"), ObjectPath.parse("web"))
                : List.of(ObjectPath.parse(expr));
        return new OmCommandRunner(new Services(Fakes.installation("n1"), store, status, null, null, () -> sel,
                () -> daemon, () -> null, () -> null, () -> null, () -> null));
    }

    @Test
    void everyNodesInstanceWithItsNotices() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), c, "web", "print", "status"), c.err());
        assertEquals("""
                web@n1
                overall                       up         >started
                '- avail                      up
                   '- app#0          ........ up         forking app /bin/web start

                web@n2
                overall                       down       node frozen, start failed, >started
                '- avail                      down
                   '- app#0          ........ down       forking app /bin/web start
                """, c.out());
    }

    @Test
    void anObjectKnownOnlyFromAPeer() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), c, "**", "print", "status"), c.err());
        assertTrue(c.out().startsWith("""
                ns9/svc/remote@n2
                overall                       up         node frozen
                '- avail                      up
                """), c.out());
        assertTrue(c.out().contains("\n\nweb@n1\n"), c.out());
        Fakes.Call json = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), json, "ns9/svc/remote", "print", "status", "--format", "json"),
                json.err());
        assertTrue(json.out().contains("\"node\" : \"n2\""), json.out());
    }

    @Test
    void lsSeesThePeerOnlyObjectAndFiltersOnTheObjectAvail() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), c, "ls"), c.err());
        assertEquals("ns9/svc/remote\nweb\n", c.out());
        Fakes.Call up = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), up, "ls", "--status", "up"), up.err());
        assertEquals("ns9/svc/remote\nweb\n", up.out());
    }
}
