package om.api.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * One schedule expression, read once (heartbeats-and-daemon.md section 9). Immutable and thread-safe. Times are
 * evaluated in the given zone at one-second resolution.
 */
public final class Schedule {
    private Schedule() {
    }

    /** The schedule that never runs (unset, empty, {@code @0}). */
    public static Schedule never() {
        throw new UnsupportedOperationException("grammar not read yet");
    }

    /**
     * Reads a schedule: an expression or a JSON list of expressions; null, blank or {@code @0} is never.
     *
     * @throws ScheduleException naming the faulty part
     */
    public static Schedule parse(String text) {
        throw new UnsupportedOperationException("grammar not read yet");
    }

    /** The text read. */
    public String text() {
        throw new UnsupportedOperationException("grammar not read yet");
    }

    /** Whether no instant is ever allowed. */
    public boolean isNever() {
        throw new UnsupportedOperationException("grammar not read yet");
    }

    /**
     * Whether the job is due at {@code now}: {@code now} is allowed and {@code lastRun} (null: never ran) is older
     * than the interval of a range containing {@code now}. {@code seed} fixes the random delay of {@code ~}
     * ranges (the same seed gives the same delay for an occurrence).
     */
    public boolean due(Instant now, Instant lastRun, ZoneId zone, long seed) {
        throw new UnsupportedOperationException("grammar not read yet");
    }

    /**
     * The first instant at or after {@code now} (whole seconds) at which {@link #due} holds; empty when never due
     * within the next 800 days.
     */
    public Optional<Instant> next(Instant now, Instant lastRun, ZoneId zone, long seed) {
        throw new UnsupportedOperationException("grammar not read yet");
    }
}
