package om.orchestrator.internal;

/** Targets {@code frozen} and {@code unfrozen} ({@code freeze}, {@code thaw}): each instance freezes or thaws. */
final class Frozen {
    private Frozen() {
    }

    static void freeze(Step st, ObjectView v) {
        if (v.allFrozen()) {
            Moves.finish(st, v);
        } else if (!v.me.frozen()) {
            Moves.freeze(st, v);
        } else {
            st.settle();
        }
    }

    static void thaw(Step st, ObjectView v) {
        if (!v.anyFrozen()) {
            Moves.finish(st, v);
        } else if (v.me.frozen()) {
            Moves.unfreeze(st, v);
        } else {
            st.settle();
        }
    }
}
