package om.core.internal.action;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import om.api.Cancellation;
import om.api.driver.ActionException;
import om.api.status.Level;

/**
 * One action over an ordered list of resources (orchestration.md section 9): batches (the members of a
 * parallel subset act concurrently, the next batch waits for all of them), optional-resource errors, the
 * rollback of a failed start or provision, and the run-everything rule of tasks.
 */
final class ActionRun {
    /** How the action ended; {@code error} is one line naming the failed resource(s). */
    record Outcome(boolean ok, String error) {
    }

    /** Object-level log lines (no rid). */
    interface ObjectLogger {
        void log(Level level, String message);
    }

    /** A resource that failed, with its one-line reason. */
    private record Failure(PlannedResource resource, String message) {
    }

    private final LocalAction action;
    private final List<List<PlannedResource>> batches;
    private final ResourceSteps steps;
    private final boolean rollback;
    private final ObjectLogger objectLog;
    private final Cancellation cancel;

    /**
     * @param plan      in execution order
     * @param parallel  whether a subset section ({@code subset#<group>:<name>}) has {@code parallel = true}
     * @param rollback  whether a failed start stops what it started (object keyword and options combined)
     * @param cancel    the action's cancellation: once cancelled nothing more starts, a start rolls back and the
     *                  action fails with the cancel reason
     */
    ActionRun(LocalAction action, List<PlannedResource> plan, Predicate<String> parallel, ResourceSteps steps,
              boolean rollback, ObjectLogger objectLog, Cancellation cancel) {
        this.action = action;
        this.cancel = cancel == null ? Cancellation.NONE : cancel;
        this.batches = batches(plan, parallel);
        this.steps = steps;
        this.rollback = rollback;
        this.objectLog = objectLog;
    }

    /**
     * Consecutive members of one parallel subset form one batch; every other resource is a batch of its own.
     * The plan is sorted by group then subset, so a subset's members are adjacent.
     */
    static List<List<PlannedResource>> batches(List<PlannedResource> plan, Predicate<String> parallel) {
        List<List<PlannedResource>> out = new ArrayList<>();
        String currentKey = null;
        for (PlannedResource r : plan) {
            String key = r.spec().subset() == null ? null : "subset#" + r.spec().group() + ":" + r.spec().subset();
            boolean joins = key != null && key.equals(currentKey) && !out.isEmpty();
            if (joins) {
                out.get(out.size() - 1).add(r);
            } else {
                List<PlannedResource> b = new ArrayList<>();
                b.add(r);
                out.add(b);
            }
            currentKey = key != null && parallel.test(key) ? key : null;
        }
        return out;
    }

    Outcome run() {
        List<PlannedResource> started = Collections.synchronizedList(new ArrayList<>());
        List<String> failures = new ArrayList<>();
        for (List<PlannedResource> batch : batches) {
            if (cancel.isCancelled()) {
                return cancelled(started);
            }
            List<Failure> failed = batch.size() == 1 ? one(batch.get(0), started) : concurrently(batch, started);
            if (cancel.isCancelled()) {
                // what failed, failed because its command was killed: the action says why
                return cancelled(started);
            }
            for (Failure f : failed) {
                if (!f.resource().spec().optional()) {
                    failures.add(f.resource().spec().rid() + ": " + f.message());
                }
            }
            if (!failures.isEmpty() && !action.continuesOnError()) {
                if (action.rollsBack() && rollback && !started.isEmpty()) {
                    rollback(started);
                }
                return new Outcome(false, failures.get(0));
            }
        }
        return failures.isEmpty() ? new Outcome(true, null) : new Outcome(false, String.join("; ", failures));
    }

    /** A cancelled action: a start rolls back what it started, as a failure would; the error is the reason. */
    private Outcome cancelled(List<PlannedResource> started) {
        objectLog.log(Level.WARN, "action cancelled: " + cancel.reason());
        if (action.rollsBack() && rollback && !started.isEmpty()) {
            rollback(started);
        }
        return new Outcome(false, cancel.reason());
    }

    private List<Failure> one(PlannedResource r, List<PlannedResource> started) {
        try {
            steps.act(action, r, started::add);
            return List.of();
        } catch (ActionException | RuntimeException | LinkageError e) {
            // LinkageError: the driver's bundle left during the action (hot deploy)
            String msg = message(e);
            r.ctx().error(msg);
            return List.of(new Failure(r, msg));
        }
    }

    /** Runs the batch members each in its thread and waits for all; failures in plan order. */
    private List<Failure> concurrently(List<PlannedResource> batch, List<PlannedResource> started) {
        List<List<Failure>> results = new ArrayList<>(Collections.nCopies(batch.size(), null));
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            int idx = i;
            PlannedResource r = batch.get(i);
            Thread t = new Thread(() -> results.set(idx, one(r, started)),
                    "om-" + action.word() + "-" + r.ctx().path().canonical() + "-" + r.spec().rid());
            t.setDaemon(true);
            threads.add(t);
        }
        // join() makes each member's result visible here
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    // not a stop request: the members' commands end with their timeouts or the cancellation
                }
            }
        }
        List<Failure> out = new ArrayList<>();
        results.stream().filter(Objects::nonNull).forEach(out::addAll);
        return out;
    }

    /**
     * Stops, in reverse order, what this action brought up; failures are logged, the action stays failed. The
     * stop commands run under a fresh cancellation with their own timeouts: the action's may be cancelled
     * already, and a half-started instance is what a cancel must not leave.
     */
    private void rollback(List<PlannedResource> started) {
        objectLog.log(Level.INFO, "rollback " + action.word());
        List<PlannedResource> copy;
        synchronized (started) {
            copy = new ArrayList<>(started);
        }
        Cancellation fresh = new Cancellation();
        for (int i = copy.size() - 1; i >= 0; i--) {
            PlannedResource s = copy.get(i);
            PlannedResource r = new PlannedResource(s.spec(), s.driver(), s.ctx().withCancellation(fresh), s.label(),
                    s.sortKey());
            try {
                steps.stop(r, false);
            } catch (ActionException | RuntimeException | LinkageError e) {
                r.ctx().error("rollback: " + message(e));
            }
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
