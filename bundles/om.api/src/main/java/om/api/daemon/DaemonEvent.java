package om.api.daemon;

import java.time.Instant;

/**
 * A change published by the daemon (heartbeats-and-daemon.md section 6, {@code GET /api/daemon/events}):
 * {@code {"kind", "at", "node", "path", "data"}}. The kinds are the record names of this package; the cluster
 * carries the same events between nodes.
 */
public interface DaemonEvent {
    /** The event kind, e.g. {@code InstanceStatusUpdated}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    Instant at();

    /** The node whose data changed. */
    String node();

    /** The canonical object path, null for node events. */
    String path();

    /** The new value (a record of this package or of om.api.status), null for deletions. */
    Object data();

    /** An instance status was evaluated and differs from the previous one. */
    record InstanceStatusUpdated(Instant at, String node, String path, om.api.status.InstanceStatus data)
            implements DaemonEvent {
    }

    /** An instance left the node's data (the object was deleted, or no longer has the node in scope). */
    record InstanceStatusDeleted(Instant at, String node, String path) implements DaemonEvent {
        @Override
        public Object data() {
            return null;
        }
    }

    record InstanceMonitorUpdated(Instant at, String node, String path, InstanceMonitor data) implements DaemonEvent {
    }

    record ObjectStatusUpdated(Instant at, String node, String path, ObjectStatus data) implements DaemonEvent {
    }

    record ObjectStatusDeleted(Instant at, String node, String path) implements DaemonEvent {
        @Override
        public Object data() {
            return null;
        }
    }

    record ConfigUpdated(Instant at, String node, String path, ObjectConfigSummary data) implements DaemonEvent {
    }

    record NodeMonitorUpdated(Instant at, String node, NodeMonitor data) implements DaemonEvent {
        @Override
        public String path() {
            return null;
        }
    }

    record NodeStatsUpdated(Instant at, String node, NodeStats data) implements DaemonEvent {
        @Override
        public String path() {
            return null;
        }
    }

    /** A heartbeat thread's state, peers or figures changed ({@code data.name()} is the thread). */
    record HbStatusUpdated(Instant at, String node, HeartbeatStatus data) implements DaemonEvent {
        @Override
        public String path() {
            return null;
        }
    }

    /** A node's data left the merged view (the peer is dead, or its maintenance grace expired). */
    record NodeDataDeleted(Instant at, String node) implements DaemonEvent {
        @Override
        public String path() {
            return null;
        }

        @Override
        public Object data() {
            return null;
        }
    }

    /** A peer's data entered the merged view or was replaced by a full one. */
    record NodeDataUpdated(Instant at, String node, NodeData data) implements DaemonEvent {
        @Override
        public String path() {
            return null;
        }
    }

    /**
     * Told to a subscriber that did not keep up: {@code data} events were dropped from its queue before this one.
     * Its view may be stale: read the dataset again.
     */
    record EventsLost(Instant at, String node, Long data) implements DaemonEvent {
        @Override
        public String path() {
            return null;
        }
    }

    /**
     * This node ended its part of an orchestration: the target is reached ({@code done}), a step failed here
     * ({@code failed}) or the target was dropped ({@code aborted}). Published on the node that ended it only.
     */
    record OrchestrationEnd(Instant at, String node, String path, Outcome data) implements DaemonEvent {
        /**
         * @param result          {@code done}, {@code failed} or {@code aborted}
         * @param globalExpect    the target ended ({@code placed@n2}), empty when this node never saw it
         * @param orchestrationId the id the verb's request was answered with, null when unknown
         */
        public record Outcome(String result, String globalExpect, String orchestrationId) {
            public static final String DONE = "done";
            public static final String FAILED = "failed";
            public static final String ABORTED = "aborted";
        }
    }
}
