package om.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import om.api.cli.DaemonControl;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.daemon.ThreadStatus;

/** A daemon for verb tests: a fixed dataset (settable), an event stream tests publish to, a stop action. */
public final class FakeDaemon implements DaemonControl, DaemonEvents {
    public volatile DaemonStatus status;
    private final Runnable onStop;
    private final List<BlockingQueue<DaemonEvent>> queues = new CopyOnWriteArrayList<>();

    public FakeDaemon(Runnable onStop) {
        this.onStop = onStop;
        ThreadStatus running = new ThreadStatus("running", Instant.EPOCH, List.of());
        this.status = new DaemonStatus(new ClusterIdentity("default", "", List.of("n1"), false),
                Map.of("listener", running, "monitor", running, "scheduler", running), Map.of(), Map.of());
    }

    public FakeDaemon() {
        this(() -> { });
    }

    public void publish(DaemonEvent e) {
        queues.forEach(q -> q.offer(e));
    }

    @Override
    public DaemonStatus status() {
        return status;
    }

    @Override
    public DaemonEvents events() {
        return this;
    }

    @Override
    public void stop() {
        onStop.run();
    }

    @Override
    public Subscription subscribe(int capacity) {
        BlockingQueue<DaemonEvent> q = new ArrayBlockingQueue<>(Math.max(1, capacity));
        queues.add(q);
        return new Subscription() {
            @Override
            public DaemonEvent poll(Duration timeout) {
                try {
                    return q.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }

            @Override
            public void close() {
                queues.remove(q);
            }
        };
    }
}
