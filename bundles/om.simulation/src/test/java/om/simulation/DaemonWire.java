package om.simulation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import om.daemon.internal.cluster.SimWire;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.InstanceView;
import om.orchestrator.api.ObjectFacts;

/**
 * A node's heartbeat messages through the daemon's real dataset exchange ({@code -Dsim.wire=daemon}): the node's
 * state as {@link NodeData}, committed and sent as full / patch / ping by {@link SimWire}; a peer's data rebuilt
 * from its messages and read back as the decision core's views. One per daemon run (its memory), like the
 * daemon's; the first generation is the daemon's start time on its own clock, as {@code ClusterData} takes it.
 */
final class DaemonWire {
    private final SimNode node;
    private final SimWire wire;
    private final long firstGen;

    DaemonWire(SimNode node) {
        this.node = node;
        this.wire = new SimWire(node.name);
        this.firstGen = node.now().toEpochMilli();
    }

    /** Commit what changed, then the next message for the peers this node sees alive. */
    Object message() {
        wire.commit(nodeData(), firstGen);
        List<String> live = node.peers.entrySet().stream().filter(e -> e.getValue().alive).map(Map.Entry::getKey)
                .toList();
        SimWire.Packet m = wire.next(node.now(), live, node.sim.params().interval());
        node.sealed(SimWire.updatedAt(m).toEpochMilli());
        return m;
    }

    /** The sender's new data as a snapshot, null when the message changed nothing. */
    Snapshot receive(Object message, SimNode.Peer from) {
        NodeData d = wire.receive(message, from.data, node.now());
        Instant echo = wire.echoed();
        node.echoed(from, echo == null ? null : echo.toEpochMilli());
        if (d == null) {
            return null;
        }
        from.data = d;
        Map<String, InstanceView> views = new TreeMap<>();
        d.instances().forEach((path, st) -> {
            InstanceMonitor m = d.monitors().get(path);
            GlobalExpect g = m == null ? null
                    : new GlobalExpect(m.globalExpect(), m.destination(), m.globalExpectUpdatedAt());
            views.put(path, InstanceView.of(st, m, g, m == null ? null : m.clearedAt()));
        });
        String monitor = d.monitor() == null ? NodeMonitor.IDLE : d.monitor().state();
        String sender = SimWire.sender(message);
        // the peers the sender does not hold: generation 0 or absent in its gen (Exchange.genMap)
        java.util.Set<String> lost = new java.util.TreeSet<>();
        node.sim.params().nodes().stream().filter(n -> !n.equals(sender))
                .filter(n -> d.gen().getOrDefault(n, 0L) == 0L).forEach(lost::add);
        return new Snapshot(sender, 0, 0, d.frozen(), monitor, views, lost, Map.of());
    }

    boolean takeSendNow() {
        return wire.takeSendNow();
    }

    void dead(String peer) {
        wire.dead(peer);
    }

    private NodeData nodeData() {
        Map<String, InstanceStatus> instances = new TreeMap<>();
        Map<String, InstanceMonitor> monitors = new TreeMap<>();
        for (ObjectFacts f : node.mine) {
            SimNode.Inst i = node.insts.get(f.path());
            Status a = node.apps.get(f.path());
            instances.put(f.path(), new InstanceStatus(f.path(), node.name, "svc", f.topology(), f.orchestrate(), a,
                    a, Status.NA, "true", node.frozenInstances.contains(f.path()), null, null, null, List.of(),
                    Map.of(), f.priority()));
            GlobalExpect t = i.target;
            monitors.put(f.path(), new InstanceMonitor(i.state, t.value(), i.localExpect, false, i.stateAt,
                    t.updatedAt(), t.destination(), null, i.clearedAt));
        }
        return new NodeData(new NodeMonitor(node.monitor, NodeMonitor.NONE, null), node.nodeFrozen, null, null,
                Map.of(), om.api.daemon.NodeStats.UNKNOWN, Map.of(), instances, monitors);
    }
}
