package om.log.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.log.api.SinkHealth;

/**
 * The asynchronous way into the multiplexer, for callers that must not block on a sink (a heartbeat thread must
 * not wait on a full disk or a slow syslog): {@link #log} only offers the event to a bounded queue and returns; one
 * writer thread hands the events to the synchronous fan-out in order. When the queue is full the event is dropped
 * and counted (sink {@code async} of {@code LogHealth}): memory stays bounded whatever the sinks do.
 * {@link #flush} waits until what was queued before the call is written, so a CLI action's lines are all on disk
 * when it returns.
 */
public final class AsyncQueue implements ActionLog, HealthSource {
    public static final String SINK = "async";
    public static final int CAPACITY = 10_000;
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 200;

    private final ActionLog target;
    private final BlockingQueue<LogEvent> queue;
    private final SinkCounters counters;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final Object progress = new Object();
    private volatile boolean closed;
    private volatile Thread writer;

    public AsyncQueue(ActionLog target, int capacity, Clock clock) {
        this.target = target;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.counters = new SinkCounters(SINK, clock);
    }

    @Override
    public void log(LogEvent event) {
        if (event == null || closed) {
            return;
        }
        ensureWriter();
        if (queue.offer(event)) {
            // the writer goes in order: once done reaches this count, every event of this thread so far is written
            queued.incrementAndGet();
        } else {
            counters.dropped(1);
        }
    }

    /** Waits (bounded) until every event queued before this call went through the sinks. */
    @Override
    public void flush() {
        long target = queued.get();
        if (Thread.currentThread() == writer) {
            return; // a sink logging asynchronously must not wait for itself
        }
        long deadline = System.nanoTime() + FLUSH_TIMEOUT.toNanos();
        synchronized (progress) {
            while (done.get() < target && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private synchronized void ensureWriter() {
        if (writer == null && !closed) {
            writer = new Thread(this::drain, "om-log-async");
            writer.setDaemon(true);
            writer.start();
        }
    }

    private void drain() {
        while (!closed || !queue.isEmpty()) {
            LogEvent e;
            try {
                e = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                // only close() ends the writer, after the queue is empty
                continue;
            }
            if (e == null) {
                continue;
            }
            try {
                target.log(e);
                counters.written();
            } catch (RuntimeException | LinkageError ex) {
                counters.error(ex instanceof Exception x ? SinkCounters.describe(x) : ex.toString());
            }
            done.incrementAndGet();
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** Writes what is queued (bounded by the flush timeout), then ends the writer; later events are ignored. */
    public void close() {
        flush();
        closed = true;
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Whether any event was ever offered. */
    public boolean used() {
        return writer != null;
    }

    @Override
    public SinkHealth health() {
        return counters.snapshot(true, queue.size());
    }
}
