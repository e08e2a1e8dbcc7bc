package om.orchestrator.api;

import java.time.Instant;

/**
 * One thing this node's daemon must do for its own instance. A {@link Plan} lists them in the order to apply
 * (the order of the permitted subtypes below): the state is published before the action it announces runs, the
 * orchestration's end after the target is dropped. Each has a one-line form, {@link #line()}, used by the golden
 * tests and the daemon's log.
 */
public sealed interface Decision {
    /** The golden-file and log form. */
    String line();

    /** The position of this kind in a plan. */
    int order();

    /**
     * Apply a {@code clear} seen on some instance (or asked here): {@code … failed} monitor states back to
     * {@code idle}, the resources' restart counters back to {@code restart}, and record {@code at} as this
     * instance's {@code cleared_at} so the other nodes see it.
     */
    record Clear(Instant at) implements Decision {
        public String line() {
            return "clear " + at;
        }

        public int order() {
            return 0;
        }
    }

    /** Set this instance's global expect: a newer target adopted from a peer, or {@code none} when it ended. */
    record SetGlobalExpect(GlobalExpect globalExpect) implements Decision {
        public String line() {
            return "global_expect " + globalExpect.word() + " " + globalExpect.updatedAt();
        }

        public int order() {
            return 1;
        }
    }

    /** Set this instance's monitor state, with {@code state_updated_at} = the decision's time. */
    record SetState(String state) implements Decision {
        public String line() {
            return "state " + state;
        }

        public int order() {
            return 2;
        }
    }

    /** Set this instance's local expect ({@code none} before a stop). */
    record SetLocalExpect(String localExpect) implements Decision {
        public String line() {
            return "local_expect " + localExpect;
        }

        public int order() {
            return 3;
        }
    }

    /** Thaw this node ({@code giveback} thaws the nodes of the object's scope): remove {@code var/node/frozen}. */
    record ThawNode() implements Decision {
        public String line() {
            return "thaw node";
        }

        public int order() {
            return 4;
        }
    }

    /**
     * Run the {@code command} of {@code [stonith#<node>]} before taking over from the dead {@code node}, then
     * remember the death ({@code diedAt}) as fenced. A failure is logged and the start goes on.
     */
    record Fence(String node, Instant diedAt) implements Decision {
        public String line() {
            return "fence " + node + " died " + diedAt;
        }

        public int order() {
            return 5;
        }
    }

    /**
     * Run {@code action} on the local instance through the action engine (origin daemon, under the object lock,
     * at most {@code node.max_parallel} at once, queued by {@code priority}); report its end to
     * {@link Orchestrator#afterAction}. The plan also sets the matching {@code …ing} state.
     */
    record Run(String action, int priority) implements Decision {
        public static final String START = "start";
        public static final String STOP = "stop";
        public static final String FREEZE = "freeze";
        public static final String UNFREEZE = "unfreeze";

        public String line() {
            return "run " + action + " priority " + priority;
        }

        public int order() {
            return 6;
        }
    }

    /**
     * Publish the {@code OrchestrationEnd} event: {@code done}, {@code failed} or {@code aborted}, for the target
     * ({@link GlobalExpect#word()}) this node was working on, empty when it never saw it (an abort adopted first).
     */
    record End(String result, String target) implements Decision {
        public static final String DONE = "done";
        public static final String FAILED = "failed";
        public static final String ABORTED = "aborted";

        public String line() {
            return target.isEmpty() ? "end " + result : "end " + result + " " + target;
        }

        public int order() {
            return 7;
        }
    }
}
