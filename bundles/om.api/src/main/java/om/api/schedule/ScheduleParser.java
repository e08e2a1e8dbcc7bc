package om.api.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToIntFunction;
import om.api.config.Values;
import om.api.json.Json;

/** Reads the grammar of heartbeats-and-daemon.md section 9 into expressions; every error names its part. */
final class ScheduleParser {
    private static final List<String> WEEKDAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");
    private static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");

    private ScheduleParser() {
    }

    /** The expressions of a schedule text; empty for never. */
    static List<Expr> parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.startsWith("[")) {
            return expr(t).map(List::of).orElse(List.of());
        }
        JsonNode list;
        try {
            list = Json.mapper().readTree(t);
        } catch (JsonProcessingException e) {
            throw new ScheduleException("bad list '" + t + "'");
        }
        if (list == null || !list.isArray()) {
            throw new ScheduleException("bad list '" + t + "'");
        }
        List<Expr> out = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual()) {
                throw new ScheduleException("bad list element '" + n + "' (not a string)");
            }
            expr(n.asText().strip()).ifPresent(out::add);
        }
        return out;
    }

    /** One expression; empty when it is never ({@code ""}, {@code @0}). */
    static Optional<Expr> expr(String text) {
        String t = text.strip();
        boolean exclusion = t.startsWith("!");
        if (exclusion) {
            t = t.substring(1).strip();
        }
        if (t.isEmpty() || t.equals("@0")) {
            return Optional.empty();
        }
        String[] tokens = t.split("\\s+");
        if (tokens.length > 4) {
            throw new ScheduleException("unexpected '" + tokens[4] + "'");
        }
        List<Range> ranges = new ArrayList<>();
        for (String r : tokens[0].split(",", -1)) {
            ranges.add(range(r));
        }
        List<DateRule.Day> days = tokens.length > 1 ? days(tokens[1]) : DateRule.ANY.days();
        long weeks = tokens.length > 2 ? weeks(tokens[2]) : DateRule.ALL_WEEKS;
        int months = tokens.length > 3 ? months(tokens[3]) : DateRule.ALL_MONTHS;
        return Optional.of(new Expr(exclusion, List.copyOf(ranges), new DateRule(List.copyOf(days), weeks, months)));
    }

    static Range range(String text) {
        String t = text;
        boolean random = t.startsWith("~");
        if (random) {
            t = t.substring(1);
        }
        String times = t;
        Long interval = null;
        int at = t.indexOf('@');
        if (at >= 0) {
            times = t.substring(0, at);
            interval = interval(t.substring(at));
        } else if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            // a bare integer is an interval in minutes over the whole day, like "@10"
            times = "";
            interval = interval("@" + t);
        }
        int begin;
        int end;
        if (times.isEmpty() || times.equals("*")) {
            begin = 0;
            end = Range.DAY;
        } else {
            int dash = times.indexOf('-');
            if (dash < 0) {
                begin = time(times, false);
                end = begin + 1;
            } else {
                begin = time(times.substring(0, dash), false);
                end = time(times.substring(dash + 1), true);
                if (begin == end) {
                    end = begin + 1;
                }
            }
        }
        return interval == null ? new Range(random, begin, end, new Range(random, begin, end, 0, true).length(), true)
                : new Range(random, begin, end, interval, false);
    }

    private static long interval(String text) {
        String v = text.substring(1);
        // a bare integer is minutes here (a duration's bare integer is seconds)
        String duration = !v.isEmpty() && v.chars().allMatch(Character::isDigit) ? v + "m" : v;
        // bounded like every duration (100 years), so lastRun + interval stays an Instant
        Duration d = Values.parseDuration(duration)
                .orElseThrow(() -> new ScheduleException("bad interval '" + text + "'"));
        // below a second rounds up: the schedule has one-second resolution
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    /** Seconds of the day of {@code HH:MM[:SS]}; {@code 24:00} only as an end. */
    private static int time(String text, boolean end) {
        String[] p = text.split(":", -1);
        if (p.length < 2 || p.length > 3) {
            throw new ScheduleException("bad time '" + text + "'");
        }
        int h = number(p[0], 2, text);
        int m = number(p[1], 2, text);
        int s = p.length == 3 ? number(p[2], 2, text) : 0;
        int secs = h * 3600 + m * 60 + s;
        if (m > 59 || s > 59 || h > 24 || (h == 24 && (secs != Range.DAY || !end)) || p[1].length() != 2) {
            throw new ScheduleException("bad time '" + text + "'");
        }
        return secs;
    }

    private static int number(String digits, int maxLength, String whole) {
        if (digits.isEmpty() || digits.length() > maxLength || !digits.chars().allMatch(Character::isDigit)) {
            throw new ScheduleException("bad time '" + whole + "'");
        }
        return Integer.parseInt(digits);
    }

    static List<DateRule.Day> days(String text) {
        List<DateRule.Day> out = new ArrayList<>();
        for (String d : text.split(",", -1)) {
            int colon = d.indexOf(':');
            String wd = colon < 0 ? d : d.substring(0, colon);
            int weekdays = wd.isEmpty() || wd.equals("*") ? DateRule.ALL_WEEKDAYS
                    : set(wd, 1, 7, true, s -> name(s, WEEKDAYS), "day");
            int monthday = colon < 0 ? DateRule.Day.NONE : monthday(d.substring(colon + 1));
            if (colon < 0 && d.isEmpty()) {
                throw new ScheduleException("unknown day ''");
            }
            out.add(new DateRule.Day(weekdays, monthday));
        }
        return out;
    }

    private static int monthday(String text) {
        int v = switch (text.toLowerCase(Locale.ROOT)) {
            case "first", "1st" -> -1;
            case "second", "2nd" -> -2;
            case "third", "3rd" -> -3;
            case "fourth", "4th" -> -4;
            case "fifth", "5th" -> -5;
            case "last" -> DateRule.Day.LAST;
            default -> {
                int n = smallInt(text);
                if (n < 1 || n > 31) {
                    throw new ScheduleException("bad monthday '" + text + "'");
                }
                yield n;
            }
        };
        return v;
    }

    static long weeks(String text) {
        if (text.equals("*")) {
            return DateRule.ALL_WEEKS;
        }
        long bits = 0;
        for (String part : text.split(",", -1)) {
            int[] ab = bounds(part, 1, 53, s -> -1, "week");
            for (int w = ab[0]; ; w = w == 53 ? 1 : w + 1) {
                bits |= 1L << w;
                if (w == ab[1]) {
                    break;
                }
            }
        }
        return bits;
    }

    static int months(String text) {
        String list = text;
        int n = 1;
        int shift = 0;
        int pct = text.indexOf('%');
        if (pct >= 0) {
            list = text.substring(0, pct);
            String mod = text.substring(pct + 1);
            int plus = mod.indexOf('+');
            n = smallInt(plus < 0 ? mod : mod.substring(0, plus));
            shift = plus < 0 ? 0 : smallInt(mod.substring(plus + 1));
            if (n < 1 || shift < 0) {
                throw new ScheduleException("bad month modulo '" + text.substring(pct) + "'");
            }
        }
        int bits = list.equals("*") || list.isEmpty() && pct >= 0 ? DateRule.ALL_MONTHS
                : set(list, 1, 12, true, s -> name(s, MONTHS), "month");
        for (int m = 1; m <= 12; m++) {
            if ((m + shift) % n != 0) {
                bits &= ~(1 << m);
            }
        }
        return bits;
    }

    private static int set(String text, int min, int max, boolean wrap, ToIntFunction<String> names,
            String what) {
        int bits = 0;
        for (String part : text.split(",", -1)) {
            int[] ab = bounds(part, min, max, names, what);
            if (!wrap && ab[0] > ab[1]) {
                throw new ScheduleException("bad " + what + " range '" + part + "'");
            }
            for (int v = ab[0]; ; v = v == max ? min : v + 1) {
                bits |= 1 << v;
                if (v == ab[1]) {
                    break;
                }
            }
        }
        return bits;
    }

    /** {@code a} or {@code a-b} of names or numbers, each in {@code [min, max]}. */
    private static int[] bounds(String part, int min, int max, ToIntFunction<String> names,
            String what) {
        int dash = part.indexOf('-', 1);
        String a = dash < 0 ? part : part.substring(0, dash);
        String b = dash < 0 ? part : part.substring(dash + 1);
        return new int[] {value(a, part, min, max, names, what), value(b, part, min, max, names, what)};
    }

    private static int value(String s, String part, int min, int max,
            ToIntFunction<String> names, String what) {
        int v = s.chars().allMatch(Character::isDigit) && !s.isEmpty() ? smallInt(s) : names.applyAsInt(s);
        if (v < min || v > max) {
            throw new ScheduleException((what.equals("day") ? "unknown day '" : "bad " + what + " '") + part + "'");
        }
        return v;
    }

    /** 1-based index of a full name or of its first three letters, -1 when none. */
    private static int name(String s, List<String> names) {
        String l = s.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (l.equals(n) || l.equals(n.substring(0, 3))) {
                return i + 1;
            }
        }
        return -1;
    }

    /** A non-negative number of at most 6 digits, -1 when the text is not one. */
    private static int smallInt(String s) {
        if (s.isEmpty() || s.length() > 6 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(s);
    }
}
