package om.core.internal.action;

import java.util.ArrayList;
import java.util.List;
import om.api.action.ActionOptions;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.status.Level;
import om.api.status.Status;

/**
 * One start or stop over an ordered list of resources (orchestration.md section 9): per-resource skip rules,
 * triggers, driver calls, optional-resource errors, and the rollback of a failed start.
 */
final class ActionRun {
    static final String START = "start";
    static final String STOP = "stop";

    /** How the action ended; {@code error} is one line naming the failed resource. */
    record Outcome(boolean ok, String error) {
    }

    private final String action;
    private final List<PlannedResource> plan;
    private final ActionOptions options;
    private final boolean rollback;
    private final ObjectLogger objectLog;

    /** Object-level log lines (no rid). */
    interface ObjectLogger {
        void log(Level level, String message);
    }

    /**
     * @param plan     in execution order
     * @param rollback whether a failed start stops what it started (object keyword and options combined)
     */
    ActionRun(String action, List<PlannedResource> plan, ActionOptions options, boolean rollback,
              ObjectLogger objectLog) {
        this.action = action;
        this.plan = plan;
        this.options = options;
        this.rollback = rollback;
        this.objectLog = objectLog;
    }

    Outcome run() {
        List<PlannedResource> started = new ArrayList<>();
        for (PlannedResource r : plan) {
            try {
                if (action.equals(START)) {
                    start(r, started);
                } else {
                    stop(r);
                }
            } catch (ActionException | RuntimeException | LinkageError e) {
                // LinkageError: the driver's bundle left during the action (hot deploy)
                String msg = message(e);
                r.ctx().error(msg);
                if (r.spec().optional()) {
                    continue;
                }
                if (action.equals(START) && rollback && !started.isEmpty()) {
                    rollback(started);
                }
                return new Outcome(false, r.spec().rid() + ": " + msg);
            }
        }
        return new Outcome(true, null);
    }

    private void start(PlannedResource r, List<PlannedResource> started) throws ActionException {
        if (skipped(r)) {
            return;
        }
        if (options.dryRun()) {
            r.ctx().info("would start");
            return;
        }
        requireDriver(r);
        if (currentStatus(r) == Status.UP) {
            r.ctx().info(r.label() + " is already up");
            return;
        }
        Triggers.run(r.ctx(), Triggers.When.PRE, START);
        r.driver().start(r.ctx());
        // started now: a failing post trigger must not keep it out of the rollback
        started.add(r);
        Triggers.run(r.ctx(), Triggers.When.POST, START);
    }

    private void stop(PlannedResource r) throws ActionException {
        if (skipped(r)) {
            return;
        }
        if (r.spec().standby() && !options.force()) {
            r.ctx().info("skip 'stop' on standby resource (--force to override)");
            return;
        }
        if (options.dryRun()) {
            r.ctx().info("would stop");
            return;
        }
        requireDriver(r);
        if (currentStatus(r) == Status.DOWN) {
            r.ctx().info(r.label() + " is already down");
            return;
        }
        Triggers.run(r.ctx(), Triggers.When.PRE, STOP);
        r.driver().stop(r.ctx());
        Triggers.run(r.ctx(), Triggers.When.POST, STOP);
    }

    /** Stops, in reverse order, what this start brought up; failures are logged, the action stays failed. */
    private void rollback(List<PlannedResource> started) {
        objectLog.log(Level.INFO, "rollback " + action);
        for (int i = started.size() - 1; i >= 0; i--) {
            PlannedResource r = started.get(i);
            try {
                stop(r);
            } catch (ActionException | RuntimeException | LinkageError e) {
                r.ctx().error("rollback: " + message(e));
            }
        }
    }

    private static boolean skipped(PlannedResource r) {
        if (r.spec().disable() || r.spec().noaction()) {
            r.ctx().emit(Level.DEBUG, "skip: " + (r.spec().disable() ? "disabled" : "tagged noaction"));
            return true;
        }
        return false;
    }

    private static void requireDriver(PlannedResource r) throws ActionException {
        if (r.driver() == null) {
            throw new ActionException(r.spec().type() == null ? r.spec().rid() + ".type is not set"
                    : "driver " + r.spec().driverId() + " is not available");
        }
    }

    /** The driver's raw check (no standby mapping); a failing check does not prevent the action. */
    private static Status currentStatus(PlannedResource r) {
        try {
            CheckResult c = r.driver().status(r.ctx());
            return c == null ? Status.UNDEF : c.status();
        } catch (RuntimeException | LinkageError e) {
            r.ctx().emit(Level.DEBUG, "status check failed: " + message(e));
            return Status.UNDEF;
        }
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }
}
