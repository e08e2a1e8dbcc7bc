package om.orchestrator.internal;

import om.orchestrator.api.GlobalExpect;

/**
 * Whether a target is reached on one node's view: the condition on which its handler ends it. One predicate per
 * target, shared by the handlers (to end) and by {@link ObjectView} (to resume a target ended here that another
 * node still pursues), so a resumed target is never ended again by the same evaluation.
 */
final class Targets {
    private Targets() {
    }

    static boolean reached(ObjectView v, GlobalExpect t) {
        return switch (t.value()) {
            case GlobalExpect.STARTED -> Started.reached(v);
            case GlobalExpect.STOPPED -> Stopped.reached(v);
            case GlobalExpect.FROZEN -> Frozen.frozen(v);
            case GlobalExpect.UNFROZEN -> Frozen.thawed(v);
            case GlobalExpect.PLACED -> Placed.reached(v);
            case GlobalExpect.PLACED_AT -> PlacedAt.reached(v, t);
            // none and aborted have nothing left to reach
            default -> true;
        };
    }
}
