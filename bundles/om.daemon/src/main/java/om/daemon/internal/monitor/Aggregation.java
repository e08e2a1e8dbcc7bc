package om.daemon.internal.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectStatus;
import om.api.status.InstanceStatus;

/**
 * An object's status across the nodes of the view (status.md section 4). Its placement leaders are the instances
 * whose monitor says so: each node's orchestrator ranks the candidates (orchestration.md section 4, one copy of
 * the rule, om.orchestrator's) and publishes whether its own instance leads; without an orchestrator no instance
 * leads. Pure.
 */
final class Aggregation {
    private Aggregation() {
    }

    /** The leaders and the object status. */
    record Result(Set<String> leaders, ObjectStatus status) {
    }

    /**
     * @param self        the local node's instance, null when it holds none
     * @param selfMonitor its monitor, null when none
     * @param peers       the peers' data in the view
     * @return null when no node holds an instance
     */
    static Result of(String path, ObjectStatus.Facts facts, String node, InstanceStatus self,
                     InstanceMonitor selfMonitor, Map<String, NodeData> peers) {
        Set<String> leaders = new TreeSet<>();
        List<ObjectStatus.Instance> instances = new ArrayList<>();
        if (self != null) {
            boolean leads = selfMonitor != null && selfMonitor.isLeader();
            instances.add(new ObjectStatus.Instance(self, leads));
            if (leads) {
                leaders.add(node);
            }
        }
        peers.forEach((n, d) -> {
            InstanceStatus st = d.instances().get(path);
            if (st != null) {
                InstanceMonitor m = d.monitors().get(path);
                boolean leads = m != null && m.isLeader();
                instances.add(new ObjectStatus.Instance(st, leads));
                if (leads) {
                    leaders.add(n);
                }
            }
        });
        if (instances.isEmpty()) {
            return null;
        }
        return new Result(leaders, ObjectStatus.of(instances, facts));
    }

    /**
     * The facts of an object known only from peers' data (no local config): topology and orchestrate from an
     * instance, scope from a config summary (else the nodes holding instances), the defaults of the rest.
     *
     * @return null when no peer knows the object
     */
    static ObjectStatus.Facts peerFacts(String path, Map<String, NodeData> peers) {
        InstanceStatus any = null;
        List<String> scope = null;
        Set<String> holders = new TreeSet<>();
        for (Map.Entry<String, NodeData> e : peers.entrySet()) {
            InstanceStatus st = e.getValue().instances().get(path);
            if (st != null) {
                holders.add(e.getKey());
                any = any == null ? st : any;
            }
            if (scope == null && e.getValue().configs().containsKey(path)) {
                scope = e.getValue().configs().get(path).scope();
            }
        }
        if (any == null && scope == null) {
            return null;
        }
        if (scope == null || scope.isEmpty()) {
            scope = List.copyOf(holders);
        }
        String topology = any == null || any.topology() == null ? "failover" : any.topology();
        String orchestrate = any == null || any.orchestrate() == null ? "no" : any.orchestrate();
        return new ObjectStatus.Facts(topology, orchestrate, "nodes order", 1, Math.max(1, scope.size()), 1, scope);
    }
}
