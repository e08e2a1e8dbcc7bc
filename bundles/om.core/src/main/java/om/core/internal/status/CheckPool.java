package om.core.internal.status;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run driver status checks, so a check can be given up at its {@code status_timeout}: at most
 * {@link #MAX} running checks, more checks wait their turn, and idle threads end after a few seconds (nothing is
 * left behind by a burst of checks, nor by a stopped bundle). A check that times out is cancelled through its
 * context's {@link om.api.Cancellation}, which kills its command: the thread is not interrupted. A check given up
 * while its driver still runs (stuck in its own code) keeps its thread until it returns; the pool grows by one
 * meanwhile, so stuck checks never starve the others.
 */
final class CheckPool {
    static final int MAX = 8;
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final ThreadFactory FACTORY = r -> {
        Thread t = new Thread(r, "om-status-" + SEQ.incrementAndGet());
        t.setDaemon(true);
        return t;
    };
    static final ThreadPoolExecutor POOL = pool();

    private static int givenUp;

    private CheckPool() {
    }

    /** A running check was given up: one more thread for the others until it returns ({@link #returned}). */
    static synchronized void givenUp() {
        givenUp++;
        POOL.setMaximumPoolSize(MAX + givenUp);
        POOL.setCorePoolSize(MAX + givenUp);
    }

    /** A check given up earlier returned at last. */
    static synchronized void returned() {
        givenUp = Math.max(0, givenUp - 1);
        POOL.setCorePoolSize(MAX + givenUp);
        POOL.setMaximumPoolSize(MAX + givenUp);
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor p = new ThreadPoolExecutor(MAX, MAX, 2, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                FACTORY);
        p.allowCoreThreadTimeOut(true);
        return p;
    }
}
