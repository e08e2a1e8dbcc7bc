package om.shell.internal.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import om.api.daemon.ArbitratorStatus;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonStatus;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/**
 * Builds typed cluster datasets for the golden tests, the way the daemon assembles them: per node data with
 * instances and monitors, and the object aggregation computed by {@link ObjectStatus#of} from the instances.
 */
final class Fixture {
    static final Instant T = Instant.parse("2025-01-10T09:12:03.123Z");

    private final String clusterName;
    private final List<String> clusterNodes;
    private final Map<String, ThreadStatus> threads = new TreeMap<>();
    private final Map<String, HeartbeatStatus> heartbeats = new TreeMap<>();
    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, Obj> objects = new TreeMap<>();

    Fixture(String clusterName, String... nodes) {
        this.clusterName = clusterName;
        this.clusterNodes = List.of(nodes);
        for (String n : nodes) {
            this.nodes.put(n, new Node());
        }
        ThreadStatus running = new ThreadStatus("running", T, List.of());
        for (String t : List.of("listener", "monitor", "scheduler")) {
            threads.put(t, running);
        }
    }

    /** A heartbeat thread: its peers beating (true) or not (false). */
    Fixture hb(String name, String type, String addr, int port, Map<String, Boolean> peers) {
        return hb(name, type, addr, port, peers, "running", List.of());
    }

    Fixture hb(String name, String type, String addr, int port, Map<String, Boolean> peers, String state,
               List<String> alerts) {
        Map<String, HeartbeatStatus.Peer> p = new TreeMap<>();
        peers.forEach((n, beating) -> p.put(n, new HeartbeatStatus.Peer(beating, beating ? T : null)));
        heartbeats.put(name, new HeartbeatStatus(name, type, addr, port, "5s", "15s", p, "ping",
                HeartbeatStatus.Stats.NONE, Map.of()));
        threads.put(name, new ThreadStatus(state, T, alerts));
        return this;
    }

    Fixture thread(String name, String state, List<String> alerts) {
        threads.put(name, new ThreadStatus(state, T, alerts));
        return this;
    }

    /** The node leaves the dataset (dead, or not heard yet): its column stays. */
    Fixture noData(String node) {
        nodes.remove(node);
        return this;
    }

    Node node(String name) {
        return nodes.get(name);
    }

    Obj object(String path, String topology, String... scope) {
        return objects.computeIfAbsent(path, p -> new Obj(p, topology, List.of(scope)));
    }

    DaemonStatus build() {
        Map<String, ObjectStatus> agg = new TreeMap<>();
        Map<String, NodeData> data = new TreeMap<>();
        for (Obj o : objects.values()) {
            List<ObjectStatus.Instance> inst = new ArrayList<>();
            nodes.forEach((n, node) -> {
                Inst i = node.instances.get(o.path);
                if (i != null) {
                    inst.add(new ObjectStatus.Instance(i.status(o, n), i.leader));
                }
            });
            agg.put(o.path, ObjectStatus.of(inst, new ObjectStatus.Facts(o.topology, "ha", "nodes order", o.flexMin,
                    o.flexMax, o.flexMin, o.scope)));
        }
        nodes.forEach((n, node) -> {
            Map<String, InstanceStatus> st = new TreeMap<>();
            Map<String, InstanceMonitor> mon = new TreeMap<>();
            Map<String, ObjectConfigSummary> cfg = new TreeMap<>();
            node.instances.forEach((p, i) -> {
                Obj o = objects.get(p);
                st.put(p, i.status(o, n));
                mon.put(p, new InstanceMonitor(i.state, i.expect, "none", i.leader, T));
                cfg.put(p, new ObjectConfigSummary(o.scope, "csum", T));
            });
            data.put(n, new NodeData(new NodeMonitor(node.state, node.expect, T), node.frozen,
                    node.frozen ? T : null, T, Map.of(n, 1L),
                    node.load == null ? NodeStats.UNKNOWN : new NodeStats(node.load, 90, 15900, 71, 2047, 100),
                    node.arbitrators, cfg, st, mon, Map.of()));
        });
        return new DaemonStatus(new ClusterIdentity(clusterName, "id", clusterNodes, false), threads, heartbeats,
                data, agg);
    }

    static final class Node {
        private Double load;
        private boolean frozen;
        private String state = "idle";
        private String expect = "none";
        private final Map<String, Inst> instances = new TreeMap<>();
        private final Map<String, ArbitratorStatus> arbitrators = new TreeMap<>();

        Node load(double l) {
            load = l;
            return this;
        }

        Node frozen() {
            frozen = true;
            return this;
        }

        Node state(String s) {
            state = s;
            return this;
        }

        Node expect(String e) {
            expect = e;
            return this;
        }

        Node arbitrator(String section, String name, String status) {
            arbitrators.put(section, new ArbitratorStatus(name, status));
            return this;
        }

        Inst instance(String path, Status avail) {
            Inst i = new Inst(avail);
            instances.put(path, i);
            return i;
        }
    }

    static final class Inst {
        private final Status avail;
        private Status overall;
        private boolean leader;
        private boolean frozen;
        private String provisioned = "true";
        private String state = "idle";
        private String expect = "none";

        Inst(Status avail) {
            this.avail = avail;
            this.overall = avail;
        }

        Inst overall(Status s) {
            overall = s;
            return this;
        }

        Inst leader() {
            leader = true;
            return this;
        }

        Inst frozen() {
            frozen = true;
            return this;
        }

        Inst provisioned(String p) {
            provisioned = p;
            return this;
        }

        Inst state(String s) {
            state = s;
            return this;
        }

        Inst expect(String e) {
            expect = e;
            return this;
        }

        InstanceStatus status(Obj o, String node) {
            return new InstanceStatus(o.path, node, "svc", o.topology, "ha", avail, overall, Status.NA, provisioned,
                    frozen, frozen ? T : null, T, avail == Status.UP ? T : null, List.of(), Map.of(), 50);
        }
    }

    static final class Obj {
        private final String path;
        private final String topology;
        private final List<String> scope;
        private int flexMin = 1;
        private int flexMax;

        Obj(String path, String topology, List<String> scope) {
            this.path = path;
            this.topology = topology;
            this.scope = scope;
            this.flexMax = scope.size();
        }

        Obj flex(int min, int max) {
            flexMin = min;
            flexMax = max;
            return this;
        }
    }
}
