package om.daemon.internal.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectStatus;
import om.api.status.InstanceStatus;

/**
 * An object's status across the nodes of the view (status.md section 4), with its placement leaders computed
 * over every node's candidate (orchestration.md section 4). Pure: the same data gives the same leaders on every
 * node.
 */
final class Aggregation {
    private Aggregation() {
    }

    /** The leaders and the object status. */
    record Result(Set<String> leaders, ObjectStatus status) {
    }

    /**
     * @param self  the local node's candidate, null when it holds no instance
     * @param peers the peers' data in the view
     * @return null when no node holds an instance
     */
    static Result of(String path, ObjectStatus.Facts facts, Placement.Candidate self, Map<String, NodeData> peers) {
        Map<String, Placement.Candidate> candidates = new LinkedHashMap<>();
        if (self != null) {
            candidates.put(self.node(), self);
        }
        peers.forEach((n, d) -> {
            InstanceStatus st = d.instances().get(path);
            if (st != null) {
                candidates.put(n, new Placement.Candidate(n, d.monitor(), d.frozen(), d.stats(), st,
                        d.monitors().get(path)));
            }
        });
        if (candidates.isEmpty()) {
            return null;
        }
        Set<String> leaders = Placement.leaders(path, facts, candidates);
        List<ObjectStatus.Instance> instances = new ArrayList<>();
        candidates.forEach((n, c) -> instances.add(new ObjectStatus.Instance(c.instance(), leaders.contains(n))));
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
