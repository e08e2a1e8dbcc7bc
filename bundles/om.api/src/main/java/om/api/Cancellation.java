package om.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A cooperative stop request for one piece of work (a command line, an action, a selector evaluation).
 *
 * <p>Work is never stopped by interrupting its thread: an interrupted thread cannot write through a
 * {@code FileChannel} (the closing log line would be lost) and would break the commands a rollback runs. Instead the
 * front end (bridge, embedded client, daemon stop) calls {@link #cancel(String)}, long loops poll
 * {@link #isCancelled()} or {@link #check()}, and whoever runs a child process registers
 * {@link #onCancel(Runnable)} to kill its process group.
 *
 * <p>Thread-safe. Once cancelled it stays cancelled; the first reason wins. {@link #NONE} can never be cancelled.
 */
public final class Cancellation {
    /** A token nobody cancels, for callers that have no front end (tests, internal jobs). */
    public static final Cancellation NONE = new Cancellation(false);

    private final boolean cancellable;
    private final AtomicReference<String> reason = new AtomicReference<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private Cancellation(boolean cancellable) {
        this.cancellable = cancellable;
    }

    public Cancellation() {
        this(true);
    }

    /**
     * Asks the work to stop; {@code reason} is the word that ends the action's {@code failed} line
     * ({@code interrupted}, {@code client disconnected}, {@code daemon stopping}).
     * Listeners run once, on the caller's thread.
     */
    public void cancel(String reason) {
        if (!cancellable || !this.reason.compareAndSet(null, reason)) {
            return;
        }
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // one listener failing must not keep the others from stopping their part
            }
        }
    }

    public boolean isCancelled() {
        return reason.get() != null;
    }

    /** The reason given to {@link #cancel(String)}, null while not cancelled. */
    public String reason() {
        return reason.get();
    }

    /** Throws {@link CancelledException} when cancelled; for loops that have nothing to clean up. */
    public void check() {
        String r = reason.get();
        if (r != null) {
            throw new CancelledException(r);
        }
    }

    /**
     * Runs {@code action} when cancelled (at once if already cancelled). Close the returned registration when the
     * guarded part ends, so a later cancel does not act on something finished.
     */
    public Registration onCancel(Runnable action) {
        if (!cancellable) {
            return () -> { };
        }
        // once only: a cancel racing with this registration may see the listener too
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                action.run();
            }
        };
        listeners.add(once);
        if (isCancelled()) {
            listeners.remove(once);
            once.run();
            return () -> { };
        }
        return () -> listeners.remove(once);
    }

    /** A cancel listener that can be removed. */
    @FunctionalInterface
    @org.osgi.annotation.versioning.ProviderType
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Thrown by {@link #check()}: the work was asked to stop. Exit code 130, as for a terminal interrupt. */
    public static final class CancelledException extends OmException {
        private static final long serialVersionUID = 1L;

        public CancelledException(String reason) {
            super(reason, 130);
        }
    }
}
