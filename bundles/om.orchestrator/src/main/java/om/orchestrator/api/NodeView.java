package om.orchestrator.api;

import java.time.Instant;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;

/**
 * What one node of the cluster reports, as the local node sees it.
 *
 * @param alive    beating on at least one heartbeat (or kept during its maintenance grace)
 * @param monitor  the node monitor; orchestration runs on a node only while it is {@code idle}
 * @param frozen   the node is frozen ({@code var/node/frozen})
 * @param stats    the node's figures (load, score), null when unknown
 * @param instance the node's instance of the object, null when it holds none; for a dead node, the last one it
 *                 reported (stonith needs to know whether the object ran there)
 * @param diedAt   when a dead node was declared dead, null for a live one
 */
public record NodeView(boolean alive, NodeMonitor monitor, boolean frozen, NodeStats stats, InstanceView instance,
                       Instant diedAt) {
    public NodeView {
        monitor = monitor == null ? new NodeMonitor(NodeMonitor.IDLE, NodeMonitor.NONE, null) : monitor;
    }

    /**
     * A live node from its node data; {@code instance} is built by the caller ({@link InstanceView#of}) because
     * {@link NodeData} does not carry the target's time and destination yet.
     */
    public static NodeView of(NodeData d, InstanceView instance) {
        return new NodeView(true, d.monitor(), d.frozen(), d.stats(), instance, null);
    }

    /** A dead node: what it last reported, and when it was declared dead. */
    public NodeView dead(Instant at) {
        return new NodeView(false, monitor, frozen, stats, instance, at);
    }

    public boolean idle() {
        return monitor.idle();
    }
}
