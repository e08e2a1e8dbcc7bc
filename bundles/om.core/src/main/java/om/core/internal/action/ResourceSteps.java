package om.core.internal.action;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionOptions;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.status.InstanceFlags;
import om.api.status.Level;
import om.api.status.Status;
import om.core.internal.driver.DeviceReferenceException;
import om.core.internal.driver.ProvisionRecord;
import om.core.internal.driver.ResourceSpec;
import om.core.internal.driver.RunningMarker;

/**
 * What each action does to one resource (orchestration.md section 9): skip rules, the already-up/down
 * checks, requirements, triggers and the driver call.
 */
final class ResourceSteps {
    private final ActionOptions options;
    private final Requirements requirements;
    private final InstanceFlags flags;

    ResourceSteps(ActionOptions options, Requirements requirements, InstanceFlags flags) {
        this.options = options;
        this.requirements = requirements;
        this.flags = flags;
    }

    /**
     * Dispatches one resource.
     *
     * @param started told of each resource this call brought up, for the rollback
     */
    void act(LocalAction action, PlannedResource r, Consumer<PlannedResource> started) throws ActionException {
        switch (action) {
            case START -> start(r, started);
            case STOP -> {
                // an explicit stop: the daemon must not restart it (flag X); a rollback or unprovision is none
                if (stop(r, options.force()) && !options.dryRun()) {
                    setStopped(r, true);
                }
            }
            case PROVISION -> provision(r, started);
            case UNPROVISION -> unprovision(r);
            case RUN -> run(r);
            case SYNC_ALL, SYNC_NODES, SYNC_DRP -> sync(r, action);
            default -> throw new IllegalStateException(action.word());
        }
    }

    void start(PlannedResource r, Consumer<PlannedResource> started) throws ActionException {
        if (skipped(r)) {
            return;
        }
        if (options.dryRun() && r.driver() == null) {
            r.ctx().info("would start");
            return;
        }
        requireDriver(r);
        // a dry run evaluates the status too (read-only), so it says what a real start would do
        if (currentStatus(r) == Status.UP) {
            r.ctx().info(label(r) + " is already up");
            if (!options.dryRun()) {
                setStopped(r, false);
            }
            return;
        }
        if (options.dryRun()) {
            r.ctx().info(driverSaysUnprovisioned(r) ? "would fail: not provisioned" : "would start");
            return;
        }
        // only a backing the driver itself finds missing (no disk file, no filesystem) forbids the start; a
        // resource with nothing to provision (ip, app) starts again after an unprovision
        if (driverSaysUnprovisioned(r)) {
            throw new ActionException("not provisioned (run om " + path(r) + " provision)");
        }
        // the operator asked for it up: an earlier explicit stop no longer holds, even if this start fails
        setStopped(r, false);
        requirements.check(r.ctx(), LocalAction.START.requires());
        Triggers.run(r.ctx(), Triggers.When.PRE, "start");
        r.driver().start(r.ctx());
        // started now: a failing post trigger must not keep it out of the rollback
        started.accept(r);
        setStopped(r, false);
        Triggers.run(r.ctx(), Triggers.When.POST, "start");
    }

    /**
     * @param forceStandby stop a standby resource too (--force, unprovision)
     * @return whether the resource is down now (stopped, or already down); false when skipped or a dry run
     */
    boolean stop(PlannedResource r, boolean forceStandby) throws ActionException {
        if (skipped(r)) {
            return false;
        }
        if (r.spec().standby() && !forceStandby) {
            r.ctx().info("skip 'stop' on standby resource (--force to override)");
            return false;
        }
        if (options.dryRun() && r.driver() == null) {
            r.ctx().info("would stop");
            return false;
        }
        requireDriver(r);
        if (!r.driver().stopNeeded(r.ctx(), currentStatus(r))) {
            r.ctx().info(label(r) + " is already down");
            return true;
        }
        if (options.dryRun()) {
            r.ctx().info("would stop");
            return false;
        }
        requirements.check(r.ctx(), LocalAction.STOP.requires());
        Triggers.run(r.ctx(), Triggers.When.PRE, "stop");
        r.driver().stop(r.ctx());
        Triggers.run(r.ctx(), Triggers.When.POST, "stop");
        return true;
    }

    /** The stopped flag (X) of the resource; a flag that cannot be written is a warning, not a failure. */
    private void setStopped(PlannedResource r, boolean stopped) {
        try {
            if (flags.stopped(r.ctx().path(), r.spec().rid()) != stopped) {
                flags.setStopped(r.ctx().path(), r.spec().rid(), stopped);
            }
        } catch (RuntimeException e) {
            r.ctx().warn(ActionRun.message(e));
        }
    }

    /**
     * Provisions, then starts: a resource later in the order may need this one up to be provisioned (mkfs on
     * the loop device a disk exposes), so the instance ends started, as after a start.
     */
    void provision(PlannedResource r, Consumer<PlannedResource> started) throws ActionException {
        if (skipped(r)) {
            return;
        }
        if (options.dryRun()) {
            r.ctx().info(!startable(r.spec()) ? "would provision"
                    : provisionKeyword(r) ? "would provision and start" : "would start");
            return;
        }
        requireDriver(r);
        if (provisionKeyword(r)) {
            if (ownProvisioned(r).orElse(false)) {
                r.ctx().info(label(r) + " is already provisioned");
            } else {
                r.driver().provision(r.ctx());
            }
            record(r, true);
        } else {
            r.ctx().emit(Level.DEBUG, "skip provisioning: provision = false");
        }
        if (startable(r.spec())) {
            start(r, started);
        }
    }

    private static boolean driverSaysUnprovisioned(PlannedResource r) {
        try {
            return r.driver().provisioned(r.ctx()).map(b -> !b).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Stops (standby resources too: their backing is about to go), then unprovisions. */
    void unprovision(PlannedResource r) throws ActionException {
        if (skipped(r)) {
            return;
        }
        if (options.dryRun()) {
            r.ctx().info(!startable(r.spec()) ? "would unprovision"
                    : provisionKeyword(r) ? "would stop and unprovision" : "would stop");
            return;
        }
        if (startable(r.spec())) {
            stop(r, true);
        }
        if (!provisionKeyword(r)) {
            r.ctx().emit(Level.DEBUG, "skip unprovisioning: provision = false");
            return;
        }
        requireDriver(r);
        try {
            r.driver().unprovision(r.ctx());
        } catch (ActionException | RuntimeException e) {
            // a filesystem on a loop device of a disk that is down: there is no device to wipe, and what the
            // resource held goes away with the disk's backing, unprovisioned next in stop order
            Optional<DeviceReferenceException> absent = r.ctx().unexposedReference()
                    .or(() -> DeviceReferenceException.notExposedIn(e));
            if (absent.isEmpty()) {
                throw e;
            }
            r.ctx().info("skip unprovision: " + absent.get().getMessage());
        }
        record(r, false);
    }

    /** Runs a task, marked running meanwhile for every process's status (flag R). */
    void run(PlannedResource r) throws ActionException {
        if (skipped(r)) {
            return;
        }
        if (options.dryRun()) {
            r.ctx().info("would run");
            return;
        }
        requireDriver(r);
        requirements.check(r.ctx(), LocalAction.RUN.requires());
        RunningMarker.Held marker = null;
        try {
            marker = RunningMarker.mark(r.ctx().varDir());
        } catch (IOException e) {
            r.ctx().warn("cannot mark the task as running: " + e.getMessage());
        }
        try {
            Triggers.run(r.ctx(), Triggers.When.PRE, "run");
            r.driver().run(r.ctx());
            Triggers.run(r.ctx(), Triggers.When.POST, "run");
        } finally {
            if (marker != null) {
                marker.close();
            }
        }
    }

    /** Copies a sync resource's data to the peers of the action's targets, between its sync triggers. */
    void sync(PlannedResource r, LocalAction action) throws ActionException {
        if (skipped(r)) {
            return;
        }
        if (options.dryRun()) {
            r.ctx().info("would sync");
            return;
        }
        requireDriver(r);
        requirements.check(r.ctx(), action.requires());
        Triggers.run(r.ctx(), Triggers.When.PRE, action.requires());
        r.driver().sync(r.ctx(), action.syncTargets());
        Triggers.run(r.ctx(), Triggers.When.POST, action.requires());
    }

    private static boolean skipped(PlannedResource r) {
        if (r.spec().disable() || r.spec().noaction()) {
            r.ctx().emit(Level.DEBUG, "skip: " + (r.spec().disable() ? "disabled" : "tagged noaction"));
            return true;
        }
        return false;
    }

    static void requireDriver(PlannedResource r) throws ActionException {
        if (r.driver() == null) {
            throw new ActionException(r.spec().type() == null ? r.spec().rid() + ".type is not set"
                    : "driver " + r.spec().driverId() + " is not available");
        }
    }

    /**
     * The driver's raw check (no standby mapping); a failing check does not prevent the action. A check that
     * could not read a device because the resource exposing it is down means down.
     */
    static Status currentStatus(PlannedResource r) {
        try {
            CheckResult c = r.driver().status(r.ctx());
            Status s = c == null || c.status() == null ? Status.UNDEF : c.status();
            if (s == Status.UNDEF && r.ctx().unexposedReference().isPresent()) {
                return Status.DOWN;
            }
            return s;
        } catch (RuntimeException | LinkageError e) {
            if (DeviceReferenceException.notExposedIn(e).isPresent()) {
                return Status.DOWN;
            }
            r.ctx().emit(Level.DEBUG, "status check failed: " + ActionRun.message(e));
            return Status.UNDEF;
        }
    }

    /** The label now: it may name a device that exists only since an earlier resource started. */
    private static String label(PlannedResource r) {
        try {
            String l = r.driver().label(r.ctx().lenient());
            return l == null ? r.label() : l;
        } catch (RuntimeException | LinkageError e) {
            return r.label();
        }
    }

    private static Optional<Boolean> ownProvisioned(PlannedResource r) {
        try {
            Optional<Boolean> own = r.driver().provisioned(r.ctx());
            return own == null ? Optional.empty() : own;
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The common {@code provision} keyword: false leaves the resource out of provisioning (not of starting). */
    private static boolean provisionKeyword(PlannedResource r) {
        try {
            return r.ctx().rawConfig().get(r.spec().rid(), "provision").flatMap(Values::parseBool).orElse(true);
        } catch (OmException e) {
            return true;
        }
    }

    private static void record(PlannedResource r, boolean provisioned) throws ActionException {
        try {
            ProvisionRecord.write(r.ctx().varDir(), provisioned);
        } catch (IOException e) {
            throw new ActionException("cannot record the provisioned state: " + e.getMessage(), e);
        }
    }

    private static String path(PlannedResource r) {
        ObjectPath p = r.ctx().path();
        return p.canonical();
    }

    static boolean isTask(ResourceSpec spec) {
        return spec.group().equals("task");
    }

    static boolean isSync(ResourceSpec spec) {
        return spec.group().equals("sync");
    }

    /** Start and stop act on it: sync and task resources have their own verbs. */
    static boolean startable(ResourceSpec spec) {
        return !isSync(spec) && !isTask(spec);
    }
}
