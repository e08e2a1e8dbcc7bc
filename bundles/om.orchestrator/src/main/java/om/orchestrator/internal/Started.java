package om.orchestrator.internal;

import java.util.List;

/**
 * Target {@code started} (orchestration.md section 5): every frozen instance thaws first; a leader not up goes
 * {@code ready} for {@code ready_period}, then starts; flex leaders in parallel, failover leaders one at a time,
 * never beside another instance up or moving. Done when the object is started and nothing is frozen.
 */
final class Started {
    private Started() {
    }

    static void decide(Step st, ObjectView v) {
        if (v.me.frozen()) {
            Moves.unfreeze(st, v);
            return;
        }
        if (reached(v)) {
            Moves.finish(st, v);
            return;
        }
        if (v.started() || !v.leaders.contains(v.self) || v.me.up()) {
            // started but thawing elsewhere, not a leader (a ready state is cancelled), or up already
            st.settle();
            return;
        }
        if (!v.f.flex() && v.othersActiveOrBusy(List.of(v.self))) {
            st.settle();
            return;
        }
        Moves.readyThenStart(st, v, false);
    }

    static boolean reached(ObjectView v) {
        return v.started() && !v.anyFrozen();
    }
}
