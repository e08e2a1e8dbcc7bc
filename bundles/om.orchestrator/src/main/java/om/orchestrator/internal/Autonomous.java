package om.orchestrator.internal;

import java.util.List;
import om.orchestrator.api.Placement;

/**
 * No target (orchestration.md section 6), driven by {@code orchestrate}: {@code no} does nothing; {@code start}
 * starts once on the natural leader (ranked as if every node of {@code nodes} were alive: no failover);
 * {@code ha} keeps the object started on its leaders (auto-start, failover after a death, the next candidate
 * after a {@code start failed}) and, for flex, stops the extra instances. Nothing starts on a frozen instance or
 * node; a failover object in {@code warn} (some instance partly up) is not started.
 */
final class Autonomous {
    private Autonomous() {
    }

    static void decide(Step st, ObjectView v) {
        String mode = v.f.orchestrate();
        if (!"ha".equals(mode) && !"start".equals(mode) || v.myNode.frozen() || v.me.frozen()) {
            st.settle();
            return;
        }
        List<String> leaders = "start".equals(mode) ? natural(v) : v.leaders;
        boolean leader = leaders.contains(v.self);
        if (v.f.flex()) {
            flex(st, v, leader, "ha".equals(mode));
            return;
        }
        if (v.anyActive() || !leader || !v.peersKnown() || v.othersActiveOrBusy(List.of(v.self))) {
            st.settle();
            return;
        }
        Moves.readyThenStart(st, v, true);
    }

    private static void flex(Step st, ObjectView v, boolean leader, boolean ha) {
        int up = v.upCount();
        if (up < v.f.flexTarget() && leader && !v.me.active() && v.peersKnown()) {
            Moves.readyThenStart(st, v, true);
        } else if (ha && up > v.f.flexTarget() && v.excess().contains(v.self)) {
            Moves.stop(st, v);
        } else {
            st.settle();
        }
    }

    /** {@code orchestrate = start}: the first candidates of the order computed as if every node were alive. */
    private static List<String> natural(ObjectView v) {
        if (!v.f.flex()) {
            String n = Placement.naturalLeader(v.f, v.nodes);
            return n == null ? List.of() : List.of(n);
        }
        return Placement.naturalLeaders(v.f, v.nodes);
    }
}
