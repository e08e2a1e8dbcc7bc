package om.orchestrator.internal;

import java.util.Optional;
import om.orchestrator.api.ActionResult;
import om.orchestrator.api.Decision;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.InstanceView;
import om.orchestrator.api.MonitorView;
import om.orchestrator.api.NodeView;
import om.orchestrator.api.Plan;
import om.orchestrator.api.Situation;

/**
 * One evaluation for this node's instance: adopt a newer {@code clear} and target seen on another instance, end
 * an aborted target, then (when the node is idle and no action of the instance runs) hand over to the handler
 * of the target in force, or to the autonomous rules when there is none.
 */
public final class Core {
    private static final java.util.Set<String> STEP_RESULTS = java.util.Set.of("started", "stopped", "frozen",
            "unfrozen", "init");

    private Core() {
    }

    public static Plan decide(Situation s) {
        NodeView myNode = s.selfNode();
        InstanceView me = s.selfInstance();
        if (myNode == null || me == null) {
            return Plan.NOTHING;
        }
        ObjectView v = new ObjectView(s);
        Step st = new Step(me);
        MonitorView m = me.monitor();
        if (v.lastClear != null && !v.lastClear.equals(m.clearedAt())) {
            st.add(new Decision.Clear(v.lastClear));
            if (m.failed() && !v.me.monitor().failed()) {
                st.state(MonitorView.IDLE);
            }
        }
        GlobalExpect t = v.target;
        st.target(t);
        if (GlobalExpect.ABORTED.equals(t.value())) {
            // even while an action runs: it finishes, nothing more starts
            st.target(t.ended()).settle();
            st.add(new Decision.End(Decision.End.ABORTED, previous(m.globalExpect())));
            return st.plan();
        }
        if (s.object().disable()) {
            if (!t.none()) {
                Moves.finish(st, v);
            }
            return st.plan();
        }
        if (!myNode.idle() || m.inProgress()) {
            return st.plan();
        }
        if (STEP_RESULTS.contains(st.state())) {
            st.state(MonitorView.IDLE);
        }
        if ("start failed".equals(st.state()) && !v.me.up() && v.started()) {
            // the object is started through other instances
            st.state(MonitorView.IDLE);
        }
        if (!t.none() && v.blocked()) {
            st.settle();
            return st.plan();
        }
        switch (t.value()) {
            case GlobalExpect.STARTED -> Started.decide(st, v);
            case GlobalExpect.STOPPED -> Stopped.decide(st, v);
            case GlobalExpect.FROZEN -> Frozen.freeze(st, v);
            case GlobalExpect.UNFROZEN -> Frozen.thaw(st, v);
            case GlobalExpect.PLACED -> Placed.decide(st, v);
            case GlobalExpect.PLACED_AT -> PlacedAt.decide(st, v);
            default -> {
                if (!st.state().endsWith(" failed")) {
                    Autonomous.decide(st, v);
                }
            }
        }
        return st.plan();
    }

    private static String previous(GlobalExpect own) {
        // a node that adopted the abort before it saw the target has nothing to name
        return own.none() || GlobalExpect.ABORTED.equals(own.value()) ? "" : own.word();
    }

    /**
     * An action of this instance ended: its result state ({@code started}, {@code start failed}...), the local
     * expect {@code started} after a start, and {@code OrchestrationEnd failed} when a target was set.
     */
    public static Plan afterAction(Situation s, ActionResult r) {
        InstanceView me = s.selfInstance();
        if (me == null) {
            return Plan.NOTHING;
        }
        Step st = new Step(me);
        st.state(r.ok() ? done(r.action()) : r.action() + " failed");
        if (r.ok() && Decision.Run.START.equals(r.action())) {
            st.localExpect("started");
        }
        GlobalExpect t = me.monitor().globalExpect();
        if (!r.ok() && !t.none() && !GlobalExpect.ABORTED.equals(t.value())) {
            st.add(new Decision.End(Decision.End.FAILED, t.word()));
        }
        return st.plan();
    }

    private static String done(String action) {
        return switch (action) {
            case Decision.Run.START -> "started";
            case Decision.Run.STOP -> "stopped";
            case Decision.Run.FREEZE -> "frozen";
            case Decision.Run.UNFREEZE -> "unfrozen";
            default -> throw new IllegalArgumentException("not an orchestrator action: " + action);
        };
    }

    /** {@link om.orchestrator.api.Orchestrator#clear}. */
    public static Plan clear(Situation s) {
        InstanceView me = s.selfInstance();
        if (me == null) {
            return Plan.NOTHING;
        }
        Step st = new Step(me).add(new Decision.Clear(s.now()));
        if (me.monitor().failed()) {
            st.state(MonitorView.IDLE);
        }
        return st.plan();
    }

    /** {@link om.orchestrator.api.Orchestrator#refusal}. */
    public static Optional<String> refusal(Situation s, String verb, GlobalExpect wanted) {
        return Requests.refusal(s, verb, wanted);
    }
}
