package om.orchestrator.internal;

import java.util.List;
import om.orchestrator.api.GlobalExpect;

/**
 * Target {@code placed@} ({@code switch --node}, {@code takeover}): every instance thaws; instances outside the
 * destination that are up stop; the destination waits ({@code wait non-leader}) until no other instance is up or
 * moving (failover), then starts, with no ready period (unless its view is young or a node just died:
 * {@link Moves#start}); a destination node frozen since the switch was accepted waits ({@code wait thaw}).
 * Done when the destination is up, the others not, and nothing is frozen.
 */
final class PlacedAt {
    private PlacedAt() {
    }

    static void decide(Step st, ObjectView v) {
        List<String> dest = v.target.destination();
        if (v.me.frozen()) {
            Moves.unfreeze(st, v);
            return;
        }
        if (reached(v, v.target)) {
            Moves.finish(st, v);
            return;
        }
        if (!dest.contains(v.self)) {
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
        if (!v.f.flex() && v.othersActiveOrBusy(dest)) {
            st.settle().state(Moves.WAIT_NON_LEADER);
            return;
        }
        Moves.start(st, v);
    }

    static boolean reached(ObjectView v, GlobalExpect t) {
        return v.placedOn(t.destination());
    }
}
