package om.orchestrator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import om.orchestrator.api.Decision;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.InstanceView;
import om.orchestrator.api.MonitorView;
import om.orchestrator.api.Plan;

/**
 * The decisions of one evaluation as they are made: the monitor's state, expects and target are tracked as
 * values and turned into decisions only when they differ from what the instance reports, so a second evaluation
 * of the same situation plans nothing new.
 */
final class Step {
    /** States that only mean "waiting": they go back to {@code idle} when there is nothing to wait for. */
    private static final Set<String> WAITING = Set.of("ready", "wait leader", "wait non-leader", "wait parents",
            "wait children", "wait thaw", "wait quorum");
    private final MonitorView original;
    private String state;
    private String localExpect;
    private GlobalExpect target;
    private final List<Decision> extra = new ArrayList<>();
    private Instant recheck;

    Step(InstanceView me) {
        this.original = me.monitor();
        this.state = original.state();
        this.localExpect = original.localExpect();
        this.target = original.globalExpect();
    }

    String state() {
        return state;
    }

    Step state(String s) {
        state = s;
        return this;
    }

    /** Nothing to do now: a waiting state goes back to {@code idle}. */
    Step settle() {
        if (WAITING.contains(state)) {
            state = MonitorView.IDLE;
        }
        return this;
    }

    Step localExpect(String l) {
        localExpect = l;
        return this;
    }

    Step target(GlobalExpect t) {
        target = t;
        return this;
    }

    Step add(Decision d) {
        extra.add(d);
        return this;
    }

    /** Run {@code action}, announced by the {@code …ing} state. */
    Step run(String action, String inProgress, int priority) {
        state = inProgress;
        extra.add(new Decision.Run(action, priority));
        return this;
    }

    Step recheck(Instant at) {
        recheck = at;
        return this;
    }

    Plan plan() {
        List<Decision> out = new ArrayList<>(extra);
        if (!target.equals(original.globalExpect())) {
            out.add(new Decision.SetGlobalExpect(target));
        }
        if (!state.equals(original.state())) {
            out.add(new Decision.SetState(state));
        }
        if (!localExpect.equals(original.localExpect())) {
            out.add(new Decision.SetLocalExpect(localExpect));
        }
        return new Plan(out, recheck);
    }
}
