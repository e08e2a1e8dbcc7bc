package om.orchestrator.api;

import java.time.Instant;
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

    public boolean idle() {
        return monitor.idle();
    }
}
