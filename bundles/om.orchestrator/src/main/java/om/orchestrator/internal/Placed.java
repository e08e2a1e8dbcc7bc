package om.orchestrator.internal;

import om.orchestrator.api.Decision;

/**
 * Target {@code placed} ({@code giveback}): the nodes of the object's scope and all its instances thaw; once
 * nothing is frozen (the leaders are computed from thawed data, the same on every node), non-leaders that are up
 * stop and the leaders wait ({@code wait non-leader}) until they are down, then start ({@link Moves#start}).
 * Done when the leaders are up, the others not.
 */
final class Placed {
    private Placed() {
    }

    static void decide(Step st, ObjectView v) {
        if (reached(v)) {
            Moves.finish(st, v);
            return;
        }
        boolean thawNode = v.myNode.frozen() && v.f.nodes().contains(v.self);
        if (thawNode) {
            st.add(new Decision.ThawNode());
        }
        if (v.me.frozen()) {
            Moves.unfreeze(st, v);
            return;
        }
        if (thawNode || v.anyFrozen() || v.anyScopeNodeFrozen()) {
            st.settle();
            return;
        }
        if (!v.leaders.contains(v.self)) {
            if (v.me.active()) {
                Moves.stop(st, v);
            } else {
                st.settle();
            }
            return;
        }
        if (v.me.up()) {
            st.settle();
            return;
        }
        if (v.othersActiveOrBusy(v.leaders)) {
            st.settle().state(Moves.WAIT_NON_LEADER);
            return;
        }
        Moves.start(st, v);
    }

    /** Nothing of the scope frozen (what giveback thaws first), the leaders up, the others not. */
    static boolean reached(ObjectView v) {
        return !v.anyScopeNodeFrozen() && !v.leaders.isEmpty() && v.placedOn(v.leaders);
    }
}
