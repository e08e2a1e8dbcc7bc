package om.orchestrator.internal.resources;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.status.Status;

/**
 * The pure decision of resource monitoring (orchestration.md section 8): from an instance's facts and what was
 * remembered, which resources to restart, whether to wait for a {@code restart_delay}, and whether the monitor
 * action is due. No I/O, no clock of its own: the same facts always give the same verdict.
 */
public final class ResourceMonitorCore {
    /** Monitor states in which the daemon may act on resources: nothing else of its own is in progress. */
    static final Set<String> ACTIONABLE = Set.of("idle", "start failed", "stop failed");
    /** The statuses a restart repairs. */
    static final Set<Status> REPAIRABLE = Set.of(Status.DOWN, Status.STDBY_DOWN, Status.WARN);

    private ResourceMonitorCore() {
    }

    public static Verdict decide(Facts f, RestartState remembered) {
        InstanceStatus st = f.status();
        RestartState state = remembered;
        // a clear or a new start of the instance gives every resource its full budget back
        if (!state.anchoredAt(f.clearedAt(), st.lastStartedAt())) {
            state = RestartState.fresh(f.clearedAt(), st.lastStartedAt());
        }
        state = seen(st, state);
        List<String> skipped = new ArrayList<>();
        Optional<String> gate = gate(f);
        List<Verdict.Restart> restarts = new ArrayList<>();
        Instant recheck = null;
        Verdict.MonitorAction action = null;
        boolean started = "started".equals(f.localExpect());
        for (ResourceStatus r : st.resources().values()) {
            ResourceRules.Rule rule = f.rules().resources().get(r.rid());
            if (rule == null || !REPAIRABLE.contains(r.status())) {
                continue;
            }
            String why = gate.orElse(null);
            if (why == null && (rule.disable() || r.disable())) {
                why = "disabled";
            } else if (why == null && (r.stopped() || f.stopped().contains(r.rid()))) {
                why = "stopped on purpose (flag X)";
            } else if (why == null && !rule.standby() && !started) {
                why = "local expect is " + f.localExpect() + ", not started";
            }
            if (why != null) {
                skipped.add(r.rid() + " is " + r.status().word() + ": not restarted: " + why);
                continue;
            }
            int used = state.used(r.rid());
            if (used < rule.restart()) {
                RestartState.Try last = state.tries().get(r.rid());
                Instant due = last == null ? null : last.at().plus(rule.restartDelay());
                if (due != null && due.isAfter(f.now())) {
                    recheck = recheck == null || due.isBefore(recheck) ? due : recheck;
                    continue;
                }
                restarts.add(new Verdict.Restart(r.rid(), used + 1, rule.restart(), rule.standby()));
            } else if (rule.monitor() && !rule.optional() && action == null) {
                // an optional resource's failure is not the instance's: it never triggers the monitor action
                if (state.actionRan()) {
                    skipped.add(r.rid() + " is " + r.status().word() + ": a monitor action ran since the last start");
                } else {
                    action = new Verdict.MonitorAction(r.rid(), r.status().word(), f.rules().monitorActions(),
                            f.rules().preMonitorAction());
                }
            }
        }
        if (action != null) {
            // the instance is about to be stopped or moved: restarting its other resources first is pointless
            return new Verdict(state.withActionRan(), List.of(), Optional.empty(), Optional.of(action), skipped);
        }
        for (Verdict.Restart r : restarts) {
            state = state.tried(r.rid(), f.now());
        }
        return new Verdict(state, restarts, Optional.ofNullable(recheck), Optional.empty(), skipped);
    }

    /**
     * The counters after a look at the status: a resource seen {@code up} (or {@code n/a}) has its full budget
     * back. Also applied to the status an action of the monitor ends with, so a resource that dies again before
     * the daemon's next evaluation is not counted as never having come up.
     */
    public static RestartState seen(InstanceStatus st, RestartState state) {
        for (ResourceStatus r : st.resources().values()) {
            if (r.status() == Status.UP || r.status() == Status.STDBY_UP || r.status() == Status.NA) {
                state = state.reset(r.rid());
            }
        }
        return state;
    }

    /** Why no resource of the instance may be acted on now, empty when they may. */
    static Optional<String> gate(Facts f) {
        if (!f.nodeIdle()) {
            return Optional.of("node not idle");
        }
        if (f.nodeFrozen()) {
            return Optional.of("node frozen");
        }
        if (f.status().frozen()) {
            return Optional.of("instance frozen");
        }
        String prov = f.status().provisioned();
        if (prov != null && !prov.equals("true") && !prov.equals("n/a")) {
            return Optional.of("instance not provisioned");
        }
        if (!ACTIONABLE.contains(f.monitorState())) {
            return Optional.of("instance monitor is " + f.monitorState());
        }
        if (f.globalExpect() != null && !f.globalExpect().equals("none")) {
            return Optional.of("orchestration in progress (global expect " + f.globalExpect() + ")");
        }
        return Optional.empty();
    }
}
