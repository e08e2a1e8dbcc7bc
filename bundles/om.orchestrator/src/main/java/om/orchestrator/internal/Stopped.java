package om.orchestrator.internal;

/**
 * Target {@code stopped}: each instance sets its local expect {@code none}, freezes, then stops when it is up
 * or partly up. Done when every live instance is frozen and not up.
 */
final class Stopped {
    private Stopped() {
    }

    static void decide(Step st, ObjectView v) {
        st.localExpect("none");
        if (reached(v)) {
            Moves.finish(st, v);
            return;
        }
        if (!v.me.frozen()) {
            Moves.freeze(st, v);
            return;
        }
        if (v.me.active()) {
            Moves.stop(st, v);
            return;
        }
        st.settle();
    }

    static boolean reached(ObjectView v) {
        return v.allFrozenAndDown();
    }
}
