package om.log.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import om.log.api.SinkHealth;

/** Thread-safe counters behind a {@link SinkHealth}. */
public final class SinkCounters {
    private final String sink;
    private final Clock clock;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    public SinkCounters(String sink, Clock clock) {
        this.sink = sink;
        this.clock = clock;
    }

    public void written() {
        written.incrementAndGet();
    }

    public void dropped(long n) {
        dropped.addAndGet(n);
    }

    /** Counts an error; the message is reduced to one line. */
    public void error(String message) {
        String m = message == null ? "unknown error" : message.strip();
        int nl = m.indexOf('\n');
        // the reason before the count: a reader that sees the error counted sees why
        lastErrorAt = clock.instant();
        lastError = nl >= 0 ? m.substring(0, nl) : m;
        errors.incrementAndGet();
    }

    public void error(Exception e) {
        error(describe(e));
    }

    /** The exception as an operator reads it: its class when the message is empty. */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        String type = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? type : type + ": " + m;
    }

    public long errors() {
        return errors.get();
    }

    public SinkHealth snapshot(boolean enabled, long pending) {
        return new SinkHealth(sink, enabled, written.get(), errors.get(), dropped.get(), pending, lastError,
                lastErrorAt);
    }
}
