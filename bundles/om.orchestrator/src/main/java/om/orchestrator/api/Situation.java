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
 * @param quorum  whether this node has the quorum: {@code cluster.quorum} is off, or this node, the peers that hear
 *                it and the reachable arbitrators are a majority of the votes ({@link Quorum}). Without it no
 *                failover instance starts here: the nodes it does not hear may run the object (simulation D4)
 * @param behind  the live peers not known to have seen this node's current monitor state of the object (their last
 *                word of our data is older than the change): a leader's ready period ends only once none of the
 *                object's is, so a candidate that did not see it {@code ready} cannot elect itself meanwhile
 *                (simulation D9). Empty when unknown
 * @param unheard the nodes of the object's scope this node never heard since it started, that a majority does not
 *                agree are gone (with the quorum on, the live peers still hold their data): they may run the
 *                object, so no failover instance starts here until a majority agrees or they are heard
 *                (simulation D5). Empty with the quorum off
 */
public record Situation(ObjectFacts object, Map<String, NodeView> nodes, String self, Instant now,
                        Map<String, Instant> fenced, Map<String, Status> related, boolean quorum,
                        java.util.Set<String> behind, java.util.Set<String> unheard) {
    public Situation {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(now, "now");
        nodes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nodes == null ? Map.of() : nodes));
        fenced = fenced == null ? Map.of() : Map.copyOf(fenced);
        related = related == null ? Map.of() : Map.copyOf(related);
        behind = behind == null ? java.util.Set.of() : java.util.Set.copyOf(behind);
        unheard = unheard == null ? java.util.Set.of() : java.util.Set.copyOf(unheard);
    }

    /** Every peer known to have seen this node's state. */
    public Situation(ObjectFacts object, Map<String, NodeView> nodes, String self, Instant now,
                     Map<String, Instant> fenced, Map<String, Status> related, boolean quorum) {
        this(object, nodes, self, now, fenced, related, quorum, java.util.Set.of(), java.util.Set.of());
    }

    /** A node with the quorum. */
    public Situation(ObjectFacts object, Map<String, NodeView> nodes, String self, Instant now,
                     Map<String, Instant> fenced, Map<String, Status> related) {
        this(object, nodes, self, now, fenced, related, true);
    }

    /** An object without parents or children, on a node with the quorum. */
    public Situation(ObjectFacts object, Map<String, NodeView> nodes, String self, Instant now,
                     Map<String, Instant> fenced) {
        this(object, nodes, self, now, fenced, Map.of(), true);
    }

    /** This situation with the node's quorum as {@code q}. */
    public Situation withQuorum(boolean q) {
        return new Situation(object, nodes, self, now, fenced, related, q, behind, unheard);
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
