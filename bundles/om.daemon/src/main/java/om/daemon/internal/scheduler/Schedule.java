package om.daemon.internal.scheduler;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code @<interval>} form of a schedule (heartbeats-and-daemon.md section 9): at most one run per interval,
 * any time of day. A bare integer means minutes. The rest of the grammar (time ranges, days, exclusions) comes with
 * the full scheduler: until then such a schedule falls back to the keyword's default interval.
 */
public final class Schedule {
    /** An interval shorter than the scheduler's tick would mean a job at every tick anyway. */
    static final Duration MIN = Scheduler.TICK;
    private static final Pattern INTERVAL = Pattern.compile("@?\\s*(\\d+)\\s*(ms|s|m|h|d|w)?");

    private Schedule() {
    }

    /**
     * The interval of {@code text}; empty for "never" ({@code ""} or {@code @0}); {@code fallback} for a form this
     * version does not read.
     */
    public static Optional<Duration> interval(String text, Duration fallback) {
        if (text == null) {
            return Optional.ofNullable(fallback);
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = INTERVAL.matcher(t);
        if (!t.startsWith("@") || !m.matches()) {
            return Optional.ofNullable(fallback);
        }
        // the one duration parser (overflow-safe, bounded); a bare number is minutes
        String d = m.group(2) == null ? m.group(1) + "m" : m.group(1) + m.group(2);
        Optional<Duration> every = om.api.config.Values.parseDuration(d);
        if (every.isEmpty()) {
            return Optional.ofNullable(fallback);
        }
        if (every.get().isZero()) {
            return Optional.empty();
        }
        // shorter than the scheduler's tick is the tick
        return Optional.of(every.get().compareTo(MIN) < 0 ? MIN : every.get());
    }
}
