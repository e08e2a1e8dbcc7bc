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
        long n = Long.parseLong(m.group(1));
        if (n == 0) {
            return Optional.empty();
        }
        String unit = m.group(2) == null ? "m" : m.group(2);
        return Optional.of(switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            default -> Duration.ofMinutes(n);
        });
    }
}
