package om.api.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * One schedule expression, read once (heartbeats-and-daemon.md section 9). Immutable and thread-safe. Times are
 * evaluated in the given zone at one-second resolution.
 *
 * <p>Where the spec leaves room:
 * <ul>
 *   <li>a range {@code a-b} is {@code [a, b)}: it ends before {@code b}; {@code HH:MM} alone and {@code a-a} are
 *       the one second {@code [a, a+1s)}; {@code 24:00} is allowed as an end; {@code *} or an empty range is the
 *       whole day with a 24 h interval unless {@code @} gives one;</li>
 *   <li>a range that wraps ({@code 23:00-01:00}) is one occurrence from the day it begins, but each instant is
 *       checked against the days, weeks and months of its own date: {@code 23:00-01:00 fri} allows friday
 *       00:00-01:00 and friday 23:00-24:00;</li>
 *   <li>a bare integer as a range ({@code 10}) or as an interval ({@code @10}) is minutes; an interval below a
 *       second rounds up to one; {@code @0} on one range disables that range;</li>
 *   <li>{@code ~} delays each occurrence by {@code [0, length)} seconds, from the seed and the date the occurrence
 *       begins, only when the interval is not shorter than the range;</li>
 *   <li>days: names (mon, monday, case-insensitive) or numbers (mon=1..sun=7), ranges wrap ({@code fri-mon});
 *       {@code wd:n} with a day number is that day of the month if it is such a weekday; {@code wd:first..fifth}
 *       is the n-th such weekday of the month, {@code wd:last} the last one; with no weekday (or {@code *})
 *       {@code :first} is the 1st and {@code :last} the last day of the month; weeks are ISO week numbers; week and
 *       month ranges wrap too ({@code nov-feb});</li>
 *   <li>local times map to instants with the zone's rules: a time in a spring-forward gap moves later by the gap,
 *       one in a fall-back overlap takes the earlier offset, so a day of 23 or 25 hours is still covered by
 *       {@code *} once; a range wholly inside a gap keeps one second, the first after the gap
 *       ({@code 02:00-03:00} runs at 03:00 that day); a range without {@code @} gets as interval its length in
 *       real time when that is longer ({@code 01:00-04:00} lasts 4 h on a fall-back night and still runs once);</li>
 *   <li>the last run is "older than the interval" when {@code now - lastRun >= interval}; a last run after
 *       {@code now} (clock stepped back) counts as {@code now}.</li>
 * </ul>
 */
public final class Schedule {
    private static final Schedule NEVER = new Schedule("", List.of());
    private static final long HORIZON = 800L * 86_400;

    private final String text;
    private final List<Expr> include;
    private final List<Expr> exclude;
    /** Smallest interval of the included ranges: no run is due before lastRun + this. */
    private final long minInterval;
    /** Every included range allows every instant, nothing is excluded: due is only the interval test. */
    private final boolean everywhere;

    private Schedule(String text, List<Expr> exprs) {
        this.text = text;
        this.include = exprs.stream().filter(e -> !e.exclusion()).toList();
        this.exclude = exprs.stream().filter(Expr::exclusion).toList();
        this.minInterval = include.stream().flatMap(e -> e.ranges().stream()).mapToLong(Range::interval)
                .filter(i -> i > 0).min().orElse(0);
        this.everywhere = minInterval > 0 && exclude.isEmpty() && include.stream().allMatch(e -> e.dates().any()
                && e.ranges().stream().allMatch(r -> r.wholeDay() && !r.once()
                        && (!r.random() || r.interval() < r.length())));
    }

    /** The schedule that never runs (unset, empty, {@code @0}). */
    public static Schedule never() {
        return NEVER;
    }

    /**
     * Reads a schedule: an expression or a JSON list of expressions; null, blank or {@code @0} is never.
     *
     * @throws ScheduleException naming the faulty part
     */
    public static Schedule parse(String text) {
        if (text == null) {
            return NEVER;
        }
        return new Schedule(text, ScheduleParser.parse(text));
    }

    /** The text read. */
    public String text() {
        return text;
    }

    /**
     * Whether no instant is ever allowed: no expression but exclusions, or only {@code @0} ranges. A schedule
     * whose dates never occur ({@code * :31 * feb}) is not "never" here, but {@link #next} finds nothing.
     */
    public boolean isNever() {
        return minInterval == 0;
    }

    /**
     * Whether the job is due at {@code now}: {@code now} is allowed and {@code lastRun} (null: never ran) is older
     * than the interval of a range containing {@code now}. {@code seed} fixes the random delay of {@code ~}
     * ranges (the same seed gives the same delay for an occurrence).
     */
    public boolean due(Instant now, Instant lastRun, ZoneId zone, long seed) {
        if (isNever()) {
            return false;
        }
        Instant last = lastRun == null || !lastRun.isAfter(now) ? lastRun : now;
        if (everywhere) {
            return last == null || !now.isBefore(last.plusSeconds(minInterval));
        }
        DayWindows d = new DayWindows(include, exclude, LocalDate.ofInstant(now, zone), zone, seed);
        long t = now.getEpochSecond();
        for (int i = 0; i < d.n; i += 3) {
            if (d.w[i] <= t && t < d.w[i + 1] && (last == null || !now.isBefore(last.plusSeconds(d.w[i + 2])))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first instant at or after {@code now} (whole seconds) at which {@link #due} holds; empty when never due
     * within the next 800 days. Computed a day at a time from that day's windows, so a schedule allowed once a
     * month costs about 30 date tests, not a scan of its seconds.
     */
    public Optional<Instant> next(Instant now, Instant lastRun, ZoneId zone, long seed) {
        if (isNever()) {
            return Optional.empty();
        }
        Instant last = lastRun == null || !lastRun.isAfter(now) ? lastRun : now;
        long start = ceil(now, 0);
        long limit = start + HORIZON;
        long from = last == null ? start : Math.max(start, ceil(last, minInterval));
        if (everywhere) {
            return from <= limit ? Optional.of(Instant.ofEpochSecond(from)) : Optional.empty();
        }
        for (LocalDate d = LocalDate.ofInstant(Instant.ofEpochSecond(from), zone); ; d = d.plusDays(1)) {
            DayWindows w = new DayWindows(include, exclude, d, zone, seed);
            long best = Long.MAX_VALUE;
            for (int i = 0; i < w.n; i += 3) {
                long t = Math.max(from, w.w[i]);
                if (last != null) {
                    t = Math.max(t, ceil(last, w.w[i + 2]));
                }
                if (t < w.w[i + 1]) {
                    best = Math.min(best, t);
                }
            }
            if (best != Long.MAX_VALUE) {
                return best <= limit ? Optional.of(Instant.ofEpochSecond(best)) : Optional.empty();
            }
            if (d.toEpochDay() * 86_400 > limit + 2 * 86_400) {
                return Optional.empty();
            }
        }
    }

    /** The first whole second at or after {@code t + seconds}. */
    private static long ceil(Instant t, long seconds) {
        return t.getEpochSecond() + seconds + (t.getNano() > 0 ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule s && s.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
