package om.api.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Rows of a table file: {@code a | b | c | d}, blank lines and {@code #} comments skipped. */
    private static Stream<Arguments> table(String name) throws IOException {
        try (InputStream in = ScheduleTest.class.getResourceAsStream(name)) {
            List<Arguments> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split(" \\| ");
                assertEquals(4, c.length, line);
                rows.add(Arguments.of(c[0].equals("<empty>") ? "" : c[0], c[1].strip(), c[2].strip(), c[3].strip()));
            }
            return rows.stream();
        }
    }

    static Stream<Arguments> dueTable() throws IOException {
        return table("due.table");
    }

    static Stream<Arguments> nextTable() throws IOException {
        return table("next.table");
    }

    private static Instant utc(String s) {
        return s.equals("-") ? null : LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
    }

    private static Instant paris(String s) {
        return LocalDateTime.parse(s).atZone(PARIS).toInstant();
    }

    @ParameterizedTest(name = "{0} at {1} last {2}: {3}")
    @MethodSource("dueTable")
    void due(String schedule, String now, String last, String due) {
        assertEquals(due.equals("yes"), Schedule.parse(schedule).due(utc(now), utc(last), UTC, 7), schedule);
    }

    @ParameterizedTest(name = "{0} from {1} last {2}: {3}")
    @MethodSource("nextTable")
    void next(String schedule, String now, String last, String next) {
        Optional<Instant> expected = Optional.ofNullable(utc(next));
        assertEquals(expected, Schedule.parse(schedule).next(utc(now), utc(last), UTC, 7), schedule);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "* fry | unknown day 'fry'",
        "* mon-fry | unknown day 'mon-fry'",
        "* 8 | unknown day '8'",
        "* mon,,fri | unknown day ''",
        "25:00 | bad time '25:00'",
        "10:00-25:00 | bad time '25:00'",
        "10:60 | bad time '10:60'",
        "10:5 | bad time '10:5'",
        "24:00 | bad time '24:00'",
        "fri | bad time 'fri'",
        "10:00:61 | bad time '10:00:61'",
        "@x | bad interval '@x'",
        "04:00-06:00@ten | bad interval '@ten'",
        "@99999999999 | bad interval '@99999999999'",
        "@36501d | bad interval '@36501d'",
        "* * 54 | bad week '54'",
        "* * 0 | bad week '0'",
        "* * * foo | bad month 'foo'",
        "* * * 13 | bad month '13'",
        "* * * *%0 | bad month modulo '%0'",
        "* * * *%2+x | bad month modulo '%2+x'",
        "* mon:sixth | bad monthday 'sixth'",
        "* :32 | bad monthday '32'",
        "* :0 | bad monthday '0'",
        "* * * * extra | unexpected 'extra'",
        "'[\"@10m\", 3]' | bad list element '3' (not a string)",
        "'[\"@10m\"' | bad list '[\"@10m\"'",
        "'{\"a\": 1}' | bad time '{\"a\":'",
        "'[\"@10m\", \"* fry\"]' | unknown day 'fry'",
    })
    void malformed(String schedule, String message) {
        ScheduleException e = assertThrows(ScheduleException.class, () -> Schedule.parse(schedule));
        assertEquals(message, e.getMessage());
    }

    @Test
    void neverAndText() {
        assertTrue(Schedule.never().isNever());
        assertTrue(Schedule.parse(null).isNever());
        assertTrue(Schedule.parse("  ").isNever());
        assertTrue(Schedule.parse("@0").isNever());
        assertTrue(Schedule.parse("[\"!12:00-14:00\"]").isNever());
        assertFalse(Schedule.parse("@10m").isNever());
        assertEquals("@10m", Schedule.parse("@10m").text());
        assertEquals("", Schedule.never().text());
        assertEquals(Schedule.parse("* fri"), Schedule.parse("* fri"));
        assertFalse(Schedule.never().due(utc("2026-12-02T10:00:00"), null, UTC, 1));
    }

    @Test
    void randomDelayIsFixedBySeedAndDateAndStaysInTheRange() {
        Schedule s = Schedule.parse("~00:00-06:00");
        Set<Instant> times = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            Instant t = s.next(utc("2026-12-02T00:00:00"), null, UTC, seed).orElseThrow();
            assertTrue(!t.isBefore(utc("2026-12-02T00:00:00")) && t.isBefore(utc("2026-12-02T06:00:00")), "" + t);
            assertTrue(s.due(t, null, UTC, seed));
            assertFalse(s.due(t.minusSeconds(1), null, UTC, seed));
            // a restart asks again later in the night: same time
            Instant midnight = utc("2026-12-02T00:00:00");
            Instant later = midnight.plusSeconds((t.getEpochSecond() - midnight.getEpochSecond()) / 2);
            assertEquals(Optional.of(t), s.next(later, null, UTC, seed));
            assertTrue(s.due(utc("2026-12-02T05:59:59"), null, UTC, seed));
            times.add(t);
            // once per occurrence: the next night
            Instant tomorrow = s.next(t.plusSeconds(1), t, UTC, seed).orElseThrow();
            assertTrue(!tomorrow.isBefore(utc("2026-12-03T00:00:00"))
                    && tomorrow.isBefore(utc("2026-12-03T06:00:00")), "" + tomorrow);
        }
        assertTrue(times.size() > 10, "the seed spreads the runs: " + times);
        Instant d1 = s.next(utc("2026-12-02T00:00:00"), null, UTC, 3).orElseThrow();
        Instant d2 = s.next(utc("2026-12-03T00:00:00"), null, UTC, 3).orElseThrow();
        assertNotEquals(d1.plusSeconds(86_400), d2, "each day draws its own delay");
    }

    @Test
    void randomDelayOverMidnightBelongsToTheOccurrenceThatBegan() {
        Schedule s = Schedule.parse("~22:00-02:00 sat");
        for (long seed = 0; seed < 20; seed++) {
            Instant t = s.next(utc("2026-12-05T00:00:00"), null, UTC, seed).orElseThrow();
            // saturday 00:00-02:00 is friday's occurrence when its delay reaches past midnight, else saturday night
            assertTrue(t.isBefore(utc("2026-12-05T02:00:00"))
                    || !t.isBefore(utc("2026-12-05T22:00:00")) && t.isBefore(utc("2026-12-06T00:00:00")), "" + t);
        }
    }

    @Test
    void daylightSavingTimeInParis() {
        // 2026-03-29: 02:00 CET -> 03:00 CEST; 02:30 does not exist and moves to 03:30 CEST
        Schedule once = Schedule.parse("02:30");
        assertEquals(Optional.of(paris("2026-03-29T03:30:00")),
                once.next(paris("2026-03-29T00:00:00"), null, PARIS, 1));
        assertEquals(Optional.of(paris("2026-03-28T02:30:00")),
                once.next(paris("2026-03-28T00:00:00"), null, PARIS, 1));
        // 2026-10-25: 03:00 CEST -> 02:00 CET; 02:30 happens twice, the earlier one runs
        assertEquals(Optional.of(Instant.parse("2026-10-25T00:30:00Z")),
                once.next(paris("2026-10-25T00:00:00"), null, PARIS, 1));
        assertEquals(Optional.of(paris("2026-10-26T02:30:00")),
                once.next(Instant.parse("2026-10-25T00:30:01Z"), Instant.parse("2026-10-25T00:30:00Z"), PARIS, 1));
        // a range inside the gap keeps the first second after it
        Schedule gap = Schedule.parse("02:00-03:00");
        assertEquals(Optional.of(Instant.parse("2026-03-29T01:00:00Z")),
                gap.next(paris("2026-03-29T00:00:00"), null, PARIS, 1));
        assertFalse(gap.due(Instant.parse("2026-03-29T01:00:01Z"), null, PARIS, 1));
        // once per occurrence in real time: 01:00-04:00 lasts 4 h on the fall-back night, it does not run twice
        Schedule fallback = Schedule.parse("01:00-04:00");
        Instant ran = paris("2026-10-25T01:00:00");
        assertFalse(fallback.due(Instant.parse("2026-10-25T02:30:00Z"), ran, PARIS, 1));
        assertEquals(Optional.of(paris("2026-10-26T01:00:00")),
                fallback.next(ran.plusSeconds(1), ran, PARIS, 1));
        Schedule daily = Schedule.parse("*");
        assertFalse(daily.due(Instant.parse("2026-10-25T22:30:00Z"), paris("2026-10-25T00:00:00"), PARIS, 1),
                "the 25-hour day runs * once");
        assertTrue(daily.due(paris("2026-10-26T00:00:00"), paris("2026-10-25T00:00:00"), PARIS, 1));
        // a window over the repeated hour lasts two hours
        Schedule night = Schedule.parse("02:00-03:00@1m");
        assertTrue(night.due(Instant.parse("2026-10-25T00:10:00Z"), null, PARIS, 1));
        assertTrue(night.due(Instant.parse("2026-10-25T01:50:00Z"), null, PARIS, 1));
        assertFalse(night.due(Instant.parse("2026-10-25T02:00:00Z"), null, PARIS, 1));
        // the 23-hour and 25-hour days are whole days for *
        Schedule fri = Schedule.parse("* sun");
        assertTrue(fri.due(Instant.parse("2026-03-28T23:00:00Z"), null, PARIS, 1));
        assertTrue(fri.due(Instant.parse("2026-03-29T21:59:59Z"), null, PARIS, 1));
        assertFalse(fri.due(Instant.parse("2026-03-29T22:00:00Z"), null, PARIS, 1));
        assertTrue(fri.due(Instant.parse("2026-10-25T22:59:59Z"), null, PARIS, 1));
        assertFalse(fri.due(Instant.parse("2026-10-25T23:00:00Z"), null, PARIS, 1));
        // local office hours follow the offset
        Schedule office = Schedule.parse("08:00-18:00@30m mon-fri");
        assertEquals(Optional.of(Instant.parse("2026-12-07T07:00:00Z")),
                office.next(Instant.parse("2026-12-05T10:00:00Z"), null, PARIS, 1));
        assertEquals(Optional.of(Instant.parse("2026-06-01T06:00:00Z")),
                office.next(Instant.parse("2026-05-30T10:00:00Z"), null, PARIS, 1));
    }

    private static final List<String> SAMPLES = List.of("@1m", "@5s", "04:00-06:00", "~00:00-06:00",
            "00:00-02:00@10m", "* fri", "* :last", "[\"@10m\", \"!12:00-14:00\"]", "10", "@10",
            "08:00-18:00@30m mon-fri", "* * 1-26 jan-mar", "* * * *%2+1", "23:00-01:00", "~23:00-01:00 fri",
            "02:30", "02:00-03:00@7m", "~02:00-03:30 sun", "[\"* mon\", \"04:00@1m\", \"!03:00-05:00 *:first\"]",
            "00:00-12:00@1h,10:00-11:00@1m", "* mon:last", "01:00-04:00", "02:00-03:00", "02:15-02:45@5m sun", "~*", "* mon:2nd", "12:00:30-12:00:40@3s");

    /** next(now) is due, and nothing before it is: sampled seconds, the last ones before it all checked. */
    @Test
    void nextIsTheFirstDueSecond() {
        SplittableRandom rnd = new SplittableRandom(42);
        long year = 365L * 86_400;
        long base = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 1500; i++) {
            String text = SAMPLES.get(rnd.nextInt(SAMPLES.size()));
            Schedule s = Schedule.parse(text);
            ZoneId zone = rnd.nextBoolean() ? UTC : PARIS;
            long seed = rnd.nextLong();
            // a third of the cases around the DST changes of Paris
            long at = switch (i % 3) {
                case 0 -> Instant.parse("2026-03-27T00:00:00Z").getEpochSecond() + rnd.nextLong(3 * 86_400);
                case 1 -> Instant.parse("2026-10-23T00:00:00Z").getEpochSecond() + rnd.nextLong(3 * 86_400);
                default -> base + rnd.nextLong(year);
            };
            Instant now = Instant.ofEpochSecond(at, rnd.nextInt(2) * 500_000_000);
            Instant last = rnd.nextInt(5) == 0 ? null : now.minusSeconds(rnd.nextLong(3 * 86_400));
            Instant t = s.next(now, last, zone, seed).orElseThrow(() -> new AssertionError(text + " " + now));
            String what = text + " now " + now + " last " + last + " zone " + zone + " next " + t;
            assertEquals(0, t.getNano(), what);
            assertFalse(t.isBefore(now), what);
            assertTrue(s.due(t, last, zone, seed), what);
            long from = now.getEpochSecond() + (now.getNano() > 0 ? 1 : 0);
            long span = t.getEpochSecond() - from;
            for (int k = 0; k < 60 && k < span; k++) {
                long x = k < 30 ? t.getEpochSecond() - 1 - k : from + rnd.nextLong(span);
                assertFalse(s.due(Instant.ofEpochSecond(x), last, zone, seed), what + " due at " + x);
            }
        }
    }

    @Test
    void nextIsFast() {
        ZoneId zone = PARIS;
        Instant now = Instant.parse("2026-12-02T10:00:00Z");
        for (String text : List.of("@10m", "* :last", "~00:00-06:00 sat", "[\"@10m\", \"!12:00-14:00\"]")) {
            Schedule s = Schedule.parse(text);
            int n = 5_000;
            long sink = 0;
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 4; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    sink += s.next(now.plusSeconds(i * 7L), now.minusSeconds(60), zone, i).orElseThrow()
                            .getEpochSecond();
                }
                best = Math.min(best, (System.nanoTime() - t0) / n);
            }
            System.out.println("next(" + text + "): " + best + " ns" + (sink == 0 ? "" : ""));
            // loose bound: the machine is shared; the aims are 5 us and 200 us
            assertTrue(best < 2_000_000, text + ": " + best + " ns");
        }
    }
}
