package om.orchestrator.internal;

/** Targets {@code frozen} and {@code unfrozen} ({@code freeze}, {@code thaw}): each instance freezes or thaws. */
final class Frozen {
    private Frozen() {
    }

    static void freeze(Step st, ObjectView v) {
        if (frozen(v)) {
            Moves.finish(st, v);
        } else if (!v.me.frozen()) {
            Moves.freeze(st, v);
        } else {
            st.settle();
        }
    }

    static void thaw(Step st, ObjectView v) {
        if (thawed(v)) {
            Moves.finish(st, v);
        } else if (v.me.frozen()) {
            Moves.unfreeze(st, v);
        } else {
            st.settle();
        }
    }

    static boolean frozen(ObjectView v) {
        return v.allFrozen();
    }

    static boolean thawed(ObjectView v) {
        return !v.anyFrozen();
    }
}
