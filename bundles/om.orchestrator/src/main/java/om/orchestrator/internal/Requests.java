package om.orchestrator.internal;

import java.util.Optional;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.NodeView;
import om.orchestrator.api.Situation;

/** The checks a verb's request passes before its target is set (orchestration.md section 3). */
final class Requests {
    private Requests() {
    }

    static Optional<String> refusal(Situation s, String verb, GlobalExpect wanted) {
        if (s.object().disable()) {
            return Optional.empty();
        }
        GlobalExpect pending = pending(s);
        if (!pending.none() && !GlobalExpect.ABORTED.equals(pending.value())
                && !GlobalExpect.ABORTED.equals(wanted.value()) && !same(pending, wanted)) {
            return Optional.of("orchestration in progress (global expect " + pending.word() + "): use abort first");
        }
        if (GlobalExpect.STARTED.equals(wanted.value()) && "none".equals(s.object().placement())) {
            return Optional.of("cannot start: placement is none");
        }
        if (!GlobalExpect.PLACED_AT.equals(wanted.value())) {
            return Optional.empty();
        }
        if ("takeover".equals(verb)) {
            if (!s.object().nodes().contains(s.self())) {
                return Optional.of("cannot takeover: local node " + s.self() + " is not in nodes");
            }
            // as switch refuses a frozen destination (found by the simulation, seed 20)
            NodeView me = s.nodes().get(s.self());
            return me != null && me.frozen() ? Optional.of("cannot takeover: local node " + s.self()
                    + " is frozen") : Optional.empty();
        }
        if (wanted.destination().isEmpty()) {
            return Optional.of("cannot switch: no destination node");
        }
        for (String n : wanted.destination()) {
            NodeView v = s.nodes().get(n);
            if (!s.object().nodes().contains(n)) {
                return Optional.of("cannot switch to " + n + ": not in nodes");
            }
            if (v == null || !v.alive()) {
                return Optional.of("cannot switch to " + n + ": node is not alive");
            }
            if (v.frozen()) {
                return Optional.of("cannot switch to " + n + ": node is frozen");
            }
        }
        return Optional.empty();
    }

    private static boolean same(GlobalExpect a, GlobalExpect b) {
        return a.value().equals(b.value()) && a.destination().equals(b.destination());
    }

    /**
     * The target in force as the decision core sees it ({@link ObjectView}: an ended target another node still
     * pursues is resumed), except one reached on this view: the nodes still showing it are only late to drop it.
     */
    private static GlobalExpect pending(Situation s) {
        if (s.selfInstance() == null) {
            return inForce(s);
        }
        ObjectView v = new ObjectView(s);
        return Targets.reached(v, v.target) ? GlobalExpect.UNSET : v.target;
    }

    /** The target in force among the live instances (the most recently set), for a node without an instance. */
    private static GlobalExpect inForce(Situation s) {
        GlobalExpect t = GlobalExpect.UNSET;
        for (NodeView v : s.nodes().values()) {
            if (v.alive() && v.instance() != null && v.instance().monitor().globalExpect().newerThan(t)) {
                t = v.instance().monitor().globalExpect();
            }
        }
        return t;
    }
}
