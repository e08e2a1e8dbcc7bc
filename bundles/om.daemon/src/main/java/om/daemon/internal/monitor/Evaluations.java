package om.daemon.internal.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import om.api.ObjectPath;

/**
 * The monitor's worker pool: reads configs and evaluates instance statuses off the monitor thread (a driver
 * check may take seconds; the monitor thread never waits on one). At most one piece of work per object is
 * queued: asking again while it waits adds to what it will do, so the queue is bounded by the object count.
 */
final class Evaluations {
    /** Reload the config facts. */
    static final int LOAD = 1;
    /** Read the instance status (the cache, evaluated again only when stale). */
    static final int READ = 2;
    /** Evaluate the instance status in full. */
    static final int REFRESH = 4;

    private final Map<ObjectPath, Integer> pending = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<ObjectPath> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private final BiConsumer<ObjectPath, Integer> work;
    private volatile boolean running = true;

    /** {@code work} gets the object and the union of what was asked for it. */
    Evaluations(int threads, String name, BiConsumer<ObjectPath, Integer> work) {
        this.work = work;
        for (int i = 1; i <= threads; i++) {
            Thread t = new Thread(this::loop, name + "-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
    }

    void start() {
        workers.forEach(Thread::start);
    }

    void submit(ObjectPath path, int what) {
        boolean[] added = {false};
        // absent from pending = not queued (a worker removes the entry when it takes the object)
        pending.compute(path, (k, old) -> {
            if (old == null) {
                added[0] = true;
                return what;
            }
            return old | what;
        });
        if (added[0]) {
            queue.add(path);
        }
    }

    int queued() {
        return pending.size();
    }

    /** Stops taking work; evaluations in progress finish (never interrupted: they may hold driver processes). */
    void stop() {
        running = false;
        for (int i = 0; i < workers.size(); i++) {
            queue.add(STOP);
        }
    }

    private static final ObjectPath STOP = ObjectPath.parse("om-monitor-stop");

    private void loop() {
        while (running) {
            ObjectPath p;
            try {
                p = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (p == STOP) {
                return;
            }
            Integer what = pending.remove(p);
            if (what == null) {
                continue;
            }
            try {
                work.accept(p, what);
            } catch (RuntimeException e) {
                // the work reports its own failures; a bug must not kill the worker
            }
        }
    }
}
