package om.orchestrator.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import om.api.status.Status;

/**
 * The input of one decision: an object, every node of the merged cluster data (dead ones included with what
 * they last reported), the node deciding and the time. Immutable; {@code nodes} is sorted by name.
 *
 * @param self   the node deciding: decisions are only ever for its own instance
 * @param now    the decision's time (the caller's clock, so the core stays pure)
 * @param fenced  the dead peers this node already fenced for this object, with the death they were fenced for
 *                (stonith runs once per death)
 * @param related the object avail of the object's parents and children, as the cluster view aggregates them
 *                (a parent missing here is not up; a child missing here is not up either)
 */
public record Situation(ObjectFacts object, Map<String, NodeView> nodes, String self, Instant now,
                        Map<String, Instant> fenced, Map<String, Status> related) {
    public Situation {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(now, "now");
        nodes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nodes == null ? Map.of() : nodes));
        fenced = fenced == null ? Map.of() : Map.copyOf(fenced);
        related = related == null ? Map.of() : Map.copyOf(related);
    }

    /** An object without parents or children. */
    public Situation(ObjectFacts object, Map<String, NodeView> nodes, String self, Instant now,
                     Map<String, Instant> fenced) {
        this(object, nodes, self, now, fenced, Map.of());
    }

    /** This node's view of itself, null when it is not in the data. */
    public NodeView selfNode() {
        return nodes.get(self);
    }

    /** This node's instance, null when it holds none. */
    public InstanceView selfInstance() {
        NodeView n = selfNode();
        return n == null ? null : n.instance();
    }
}
