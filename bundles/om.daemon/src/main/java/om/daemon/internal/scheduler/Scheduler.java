package om.daemon.internal.scheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import om.api.ObjectPath;
import om.api.daemon.ThreadStatus;
import om.api.schedule.Job;
import om.api.schedule.Jobs;
import om.api.schedule.LastRuns;
import om.api.status.InstanceStatus;

/**
 * The {@code scheduler} thread: runs the jobs of each local instance (heartbeats-and-daemon.md section 9) when their
 * schedule makes them due. It owns the plan: per object its jobs, their last runs and next due times; the monitor
 * thread gives it each object's jobs and latest status ({@link #plan}). It never runs a job itself: status and
 * monitor jobs go to the monitor's evaluation pool, sync and task runs to the action engine (through the
 * {@link Sink}), so a slow driver never delays the other jobs.
 *
 * <p>Times are wall-clock instants in the node's zone (schedules name times of day). Each job's next due time is
 * computed once, when its last run or its schedule changes, so a tick only compares instants; a clock step (the wall
 * clock moving apart from the monotonic one) recomputes them all. The last run of a sync or task job is written
 * when it begins ({@link LastRuns}), so a restarted daemon does not run it again early; the status and monitor jobs'
 * last run is the instance status' evaluation time, which the status cache keeps. A job whose previous run has not
 * ended is not started again.
 */
public final class Scheduler {
    /** How often the plan is looked at. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** The wall clock moved this much more or less than the monotonic one since the last tick: a clock step. */
    private static final long STEP_NANOS = Duration.ofSeconds(2).toNanos();

    /** Where due jobs go. */
    public interface Sink {
        /**
         * Runs the job; {@code done} is called once the run ended (at once for a job handed over for good).
         *
         * @return false when the job cannot run now (no engine): it stays due
         */
        boolean due(ObjectPath path, Job job, Runnable done);
    }

    /** One job of one object: guarded by the scheduler's lock. */
    private static final class Slot {
        final Job job;
        final long seed;
        Instant last;
        Instant next;
        boolean running;

        Slot(Job job, long seed, Instant last) {
            this.job = job;
            this.seed = seed;
            this.last = last;
        }
    }

    private static final class Plan {
        final List<Job> jobs;
        final List<Slot> slots;
        InstanceStatus status;

        Plan(List<Job> jobs, List<Slot> slots) {
            this.jobs = jobs;
            this.slots = slots;
        }
    }

    private final Object lock = new Object();
    private final Map<ObjectPath, Plan> plans = new HashMap<>();
    private final Sink sink;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final ZoneId zone;
    private final String node;
    private final Function<ObjectPath, Path> varDir;
    private final Path nodeFrozenFlag;
    private long lastTickNanos;
    private Instant lastTickWall;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Instant created;
    private volatile boolean failed;

    /**
     * @param varDir         the instance's var folder of an object (where {@link LastRuns} keeps its files)
     * @param nodeFrozenFlag the node frozen flag file
     */
    public Scheduler(Sink sink, LongSupplier nanoTime, Clock clock, ZoneId zone, String node,
                     Function<ObjectPath, Path> varDir, Path nodeFrozenFlag) {
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.clock = clock;
        this.zone = zone;
        this.node = node;
        this.varDir = varDir;
        this.nodeFrozenFlag = nodeFrozenFlag;
    }

    /**
     * Sets an object's jobs and its latest status (null before the first evaluation). Jobs whose schedule did not
     * change keep their last and next runs; an evaluation newer than the status job's last run counts as a run of
     * the status and monitor jobs.
     */
    public void plan(ObjectPath path, List<Job> jobs, InstanceStatus status) {
        Instant now = clock.instant();
        synchronized (lock) {
            Plan old = plans.get(path);
            Plan p = old;
            if (old == null || !old.jobs.equals(jobs)) {
                p = new Plan(List.copyOf(jobs), slots(path, jobs, old, now));
                plans.put(path, p);
            }
            p.status = status;
            Instant evaluated = Jobs.evaluationRun(status);
            if (evaluated != null) {
                for (Slot s : p.slots) {
                    if (!s.job.isAction() && (s.last == null || evaluated.isAfter(s.last))) {
                        s.last = evaluated;
                        s.next = next(s, now);
                    }
                }
            }
        }
    }

    private List<Slot> slots(ObjectPath path, List<Job> jobs, Plan old, Instant now) {
        Map<String, Slot> before = new HashMap<>();
        if (old != null) {
            old.slots.forEach(s -> before.put(s.job.name(), s));
        }
        List<Slot> out = new ArrayList<>();
        for (Job j : jobs) {
            Slot prev = before.get(j.name());
            Instant last = prev != null ? prev.last : j.isAction()
                    ? LastRuns.read(varDir.apply(path), j.name()).orElse(null) : null;
            Slot s = new Slot(j, j.seed(node, path.canonical()), last != null && last.isAfter(now) ? now : last);
            s.running = prev != null && prev.running;
            s.next = next(s, now);
            out.add(s);
        }
        return out;
    }

    /** The next due time of a job, null for never (or an unreadable schedule). */
    private Instant next(Slot s, Instant now) {
        if (s.job.schedule() == null) {
            return null;
        }
        Instant last = s.last != null && s.last.isAfter(now) ? now : s.last;
        return s.job.schedule().next(now, last, zone, s.seed).orElse(null);
    }

    public void forget(ObjectPath path) {
        synchronized (lock) {
            plans.remove(path);
        }
    }

    /** A job handed over at this tick. */
    private record Due(ObjectPath path, Slot slot, Instant at) {
    }

    /** Hands every due job that nothing blocks to the sink; a status run also counts as a monitor run. */
    void tick() {
        long mono = nanoTime.getAsLong();
        Instant now = clock.instant();
        boolean nodeFrozen = Files.exists(nodeFrozenFlag);
        List<Due> due = new ArrayList<>();
        synchronized (lock) {
            boolean stepped = lastTickWall != null && Math.abs(Duration.between(lastTickWall, now).toNanos()
                    - (mono - lastTickNanos)) > STEP_NANOS;
            lastTickNanos = mono;
            lastTickWall = now;
            for (Map.Entry<ObjectPath, Plan> e : plans.entrySet()) {
                Plan p = e.getValue();
                boolean statusTaken = false;
                for (Slot s : p.slots) {
                    if (s.last != null && s.last.isAfter(now)) {
                        // the clock stepped back past the last run: count it as run now, not in the future
                        s.last = now;
                        s.next = next(s, now);
                    } else if (stepped) {
                        s.next = next(s, now);
                    }
                    if (s.next == null || now.isBefore(s.next) || s.running) {
                        continue;
                    }
                    if (Jobs.blocker(s.job, p.status, nodeFrozen).isPresent()) {
                        // stays due: it runs as soon as nothing blocks it (the instance came up here)
                        continue;
                    }
                    if (!s.job.schedule().due(now, s.last, zone, s.seed)) {
                        // the window it was due in has passed (the daemon was down, a clock step): the next one
                        s.next = next(s, now.plusSeconds(1));
                        continue;
                    }
                    // the run of this second: a tick comes a few ms after the second, and an "@5s" job counted
                    // from those ms would wait for the tick after its due second (6 s apart)
                    s.last = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                    s.next = next(s, now);
                    if (s.job.action() == Job.Action.MONITOR && statusTaken) {
                        continue;
                    }
                    statusTaken |= s.job.action() == Job.Action.STATUS;
                    s.running = s.job.isAction();
                    due.add(new Due(e.getKey(), s, s.last));
                }
            }
        }
        for (Due d : due) {
            hand(d);
        }
    }

    private void hand(Due d) {
        Slot s = d.slot();
        if (s.job.isAction()) {
            try {
                LastRuns.write(varDir.apply(d.path()), s.job.name(), d.at());
            } catch (IOException e) {
                // the run goes on; a restart may then run it again before its interval
            }
        }
        boolean taken;
        try {
            taken = sink.due(d.path(), s.job, () -> ended(d.path(), s));
        } catch (RuntimeException e) {
            taken = false;
        }
        if (!taken) {
            ended(d.path(), s);
        }
    }

    /**
     * A run ended. Its slot may have been replaced meanwhile (the config changed during the run, the new slot
     * took over "running"): the current slot of that job is told too, or the job would never run again.
     */
    private void ended(ObjectPath path, Slot s) {
        synchronized (lock) {
            s.running = false;
            Plan p = plans.get(path);
            if (p != null) {
                p.slots.stream().filter(c -> c.job.name().equals(s.job.name())).forEach(c -> c.running = false);
            }
        }
    }

    /** The plan of one object, for tests: job name to next due time (null: never). */
    Map<String, Instant> nextRuns(ObjectPath path) {
        synchronized (lock) {
            Plan p = plans.get(path);
            Map<String, Instant> out = new java.util.LinkedHashMap<>();
            if (p != null) {
                p.slots.forEach(s -> out.put(s.job.name(), s.next));
            }
            return out;
        }
    }

    public synchronized void start() {
        running = true;
        created = clock.instant();
        failed = false;
        Thread t = new Thread(this::loop, "scheduler");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops planning; jobs already handed over finish where they run. */
    public synchronized void stop() {
        running = false;
        notifyAll();
    }

    public ThreadStatus status() {
        Thread t = thread;
        String state = failed ? ThreadStatus.FAILED
                : running && t != null && t.isAlive() ? ThreadStatus.RUNNING : ThreadStatus.STOPPED;
        return new ThreadStatus(state, created == null ? clock.instant() : created, java.util.List.of());
    }

    private void loop() {
        try {
            while (running) {
                tick();
                synchronized (this) {
                    if (running) {
                        // on the second: a job due at 04:00:00 runs then, not up to a tick later
                        long ms = TICK.toMillis() - clock.millis() % TICK.toMillis();
                        wait(Math.max(1, ms));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            // shown as failed in daemon status; the monitor keeps serving the dataset
            failed = true;
            throw e;
        }
    }
}
