package om.daemon.internal.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import om.api.ObjectPath;
import om.api.daemon.ThreadStatus;

/**
 * The {@code scheduler} thread: runs the per-instance jobs of heartbeats-and-daemon.md section 9 when due. It owns
 * the plan (per object: intervals and last runs, in monotonic time) and hands due jobs to a {@link Sink} (the
 * monitor's evaluation pool); it never runs a job itself, so a slow driver never delays the other objects' jobs.
 * Only the status and monitor jobs exist for now; a job never ran is due at once, so every instance is evaluated
 * again at daemon start.
 */
public final class Scheduler {
    /** How often the plan is looked at. */
    static final Duration TICK = Duration.ofSeconds(1);

    public enum Job {
        /** {@code status_schedule}: full status evaluation. */
        STATUS,
        /** {@code monitor_schedule}: status of the monitored, restartable and standby resources. */
        MONITOR
    }

    /** Where due jobs go. */
    public interface Sink {
        void due(ObjectPath path, Job job);
    }

    /**
     * One object's plan. {@code monitored}: the object has monitored, restartable or standby resources (the
     * monitor job has nothing to do for the others).
     */
    private record Plan(Duration status, Duration monitor, boolean monitored, long lastStatus, long lastMonitor) {
    }

    private static final long NEVER = Long.MIN_VALUE;

    private final Map<ObjectPath, Plan> plans = new ConcurrentHashMap<>();
    private final Sink sink;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile Instant created;
    private volatile boolean failed;

    public Scheduler(Sink sink, LongSupplier nanoTime, Clock clock) {
        this.sink = sink;
        this.nanoTime = nanoTime;
        this.clock = clock;
    }

    /** Sets an object's intervals (null: never), keeping its last runs. */
    public void plan(ObjectPath path, Duration status, Duration monitor, boolean monitored) {
        plans.compute(path, (p, old) -> new Plan(status, monitor, monitored, old == null ? NEVER : old.lastStatus(),
                old == null ? NEVER : old.lastMonitor()));
    }

    public void forget(ObjectPath path) {
        plans.remove(path);
    }

    /** A full evaluation made outside the plan (an action, a refresh) counts as a status and a monitor run. */
    public void evaluated(ObjectPath path) {
        long now = nanoTime.getAsLong();
        plans.computeIfPresent(path, (p, old) -> new Plan(old.status(), old.monitor(), old.monitored(), now, now));
    }

    /** Hands every due job to the sink; a status run also counts as a monitor run. */
    void tick() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<ObjectPath, Plan> e : plans.entrySet()) {
            Plan p = e.getValue();
            if (due(p.status(), p.lastStatus(), now)) {
                plans.computeIfPresent(e.getKey(), (k, old) -> new Plan(old.status(), old.monitor(), old.monitored(),
                        now, now));
                sink.due(e.getKey(), Job.STATUS);
            } else if (p.monitored() && due(p.monitor(), p.lastMonitor(), now)) {
                plans.computeIfPresent(e.getKey(), (k, old) -> new Plan(old.status(), old.monitor(), old.monitored(),
                        old.lastStatus(), now));
                sink.due(e.getKey(), Job.MONITOR);
            }
        }
    }

    private static boolean due(Duration interval, long last, long now) {
        return interval != null && (last == NEVER || now - last >= interval.toNanos());
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
                        wait(TICK.toMillis());
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
