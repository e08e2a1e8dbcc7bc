package om.api.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Arrays;
import java.util.List;

/**
 * The allowed windows of one local date, in epoch seconds {@code [start, end)} with the interval of the range that
 * opened each: the ranges of the inclusions whose date rule allows the date, minus the windows of the exclusions.
 * Local times map to instants through {@link LocalDateTime#atZone}: a time in a DST gap moves later by the gap, a
 * time in an overlap takes the earlier offset; every window of a date lies between its midnight and the next.
 * Not thread-safe: one per call.
 */
final class DayWindows {
    private final ZoneId zone;
    private final LocalDate date;
    private long midnight;
    private boolean linear;
    private boolean mapped;
    /** start, end, interval triples. */
    long[] w = new long[12];
    int n;
    private long[] x = new long[8];
    private int xn;

    DayWindows(List<Expr> include, List<Expr> exclude, LocalDate date, ZoneId zone, long seed) {
        this.zone = zone;
        this.date = date;
        for (Expr e : include) {
            collect(e, seed, false);
        }
        if (n == 0) {
            return;
        }
        for (Expr e : exclude) {
            collect(e, seed, true);
        }
        for (int i = 0; i < xn; i += 2) {
            subtract(x[i], x[i + 1]);
        }
    }

    private void collect(Expr e, long seed, boolean exclusion) {
        if (!e.dates().allows(date)) {
            return;
        }
        long day = date.toEpochDay();
        List<Range> ranges = e.ranges();
        for (int i = 0; i < ranges.size(); i++) {
            Range r = ranges.get(i);
            if (r.interval() == 0 && !exclusion) {
                continue;
            }
            if (!r.wraps()) {
                int delay = r.delay(seed, day, i);
                if (add(r.begin() + delay, r.end(), r.interval(), exclusion) && r.once() && delay == 0
                        && !exclusion) {
                    // once per occurrence in real time: 01:00-04:00 lasts 4 h on a fall-back night
                    w[n - 1] = Math.max(w[n - 1], w[n - 2] - w[n - 3]);
                }
                continue;
            }
            // the part before midnight opens today's occurrence, the part after it ends yesterday's
            int today = r.begin() + r.delay(seed, day, i);
            if (today < Range.DAY) {
                add(today, Range.DAY, r.interval(), exclusion);
            }
            int fromYesterday = r.begin() + r.delay(seed, day - 1, i) - Range.DAY;
            if (fromYesterday < r.end()) {
                add(Math.max(0, fromYesterday), r.end(), r.interval(), exclusion);
            }
        }
    }

    /** Whether a window was added. */
    private boolean add(int from, int to, long interval, boolean exclusion) {
        if (from >= to) {
            return false;
        }
        long s = epoch(from);
        // a range inside a spring-forward gap keeps its first second after the gap (02:00-03:00 runs at 03:00)
        long e = Math.max(epoch(to), s + 1);
        if (exclusion) {
            if (xn + 2 > x.length) {
                x = Arrays.copyOf(x, x.length * 2);
            }
            x[xn++] = s;
            x[xn++] = e;
        } else {
            put(s, e, interval);
        }
        return true;
    }

    private void put(long s, long e, long interval) {
        if (n + 3 > w.length) {
            w = Arrays.copyOf(w, w.length * 2);
        }
        w[n++] = s;
        w[n++] = e;
        w[n++] = interval;
    }

    private void subtract(long s, long e) {
        int count = n;
        long[] old = Arrays.copyOf(w, count);
        n = 0;
        for (int i = 0; i < count; i += 3) {
            long ws = old[i];
            long we = old[i + 1];
            if (we <= s || ws >= e) {
                put(ws, we, old[i + 2]);
                continue;
            }
            if (ws < s) {
                put(ws, s, old[i + 2]);
            }
            if (we > e) {
                put(e, we, old[i + 2]);
            }
        }
    }

    /** The instant of a local second of the date (86400: the next midnight). */
    private long epoch(int secs) {
        if (!mapped) {
            mapped = true;
            midnight = at(date, 0);
            // no offset change before the next midnight: local seconds are epoch seconds from midnight
            ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.ofEpochSecond(midnight));
            linear = t == null || t.toEpochSecond() >= midnight + Range.DAY;
        }
        if (linear) {
            return midnight + secs;
        }
        return secs == Range.DAY ? at(date.plusDays(1), 0) : at(date, secs);
    }

    private long at(LocalDate d, int secs) {
        return LocalDateTime.of(d, LocalTime.ofSecondOfDay(secs)).atZone(zone).toEpochSecond();
    }
}
