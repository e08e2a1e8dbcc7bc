package om.daemon.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import om.api.ObjectPath;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static final Duration TEN = Duration.ofMinutes(10);

    @Test
    void readsTheIntervalForm() {
        assertEquals(Optional.of(Duration.ofMinutes(10)), Schedule.interval("@10m", TEN));
        assertEquals(Optional.of(Duration.ofSeconds(2)), Schedule.interval("@2s", TEN));
        assertEquals(Optional.of(Duration.ofMinutes(5)), Schedule.interval("@5", TEN));
        assertEquals(Optional.of(Duration.ofHours(1)), Schedule.interval("@1h", TEN));
    }

    @Test
    void emptyOrZeroIsNeverOtherFormsFallBack() {
        assertEquals(Optional.empty(), Schedule.interval("", TEN));
        assertEquals(Optional.empty(), Schedule.interval("@0", TEN));
        assertEquals(Optional.of(TEN), Schedule.interval("04:00-06:00", TEN));
        assertEquals(Optional.of(TEN), Schedule.interval(null, TEN));
    }

    /** A huge count no longer wraps to a negative interval (a refresh at every tick), a tiny one is the tick. */
    @Test
    void hugeIntervalsFallBackAndTinyOnesAreTheTick() {
        assertEquals(Optional.of(TEN), Schedule.interval("@1317624576693539401w", TEN));
        assertEquals(Optional.of(TEN), Schedule.interval("@99999999999999999999999m", TEN));
        assertEquals(Optional.of(Scheduler.TICK), Schedule.interval("@1ms", TEN));
    }

    @Test
    void jobsAreDueAtOnceThenOncePerInterval() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        List<String> due = new ArrayList<>();
        Scheduler s = new Scheduler((p, j) -> due.add(p.canonical() + ":" + j), now::get,
                java.time.Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        s.plan(ObjectPath.parse("a"), Duration.ofSeconds(10), Duration.ofSeconds(2), true);
        s.plan(ObjectPath.parse("b"), Duration.ofSeconds(10), Duration.ofSeconds(2), false);
        s.tick();
        assertEquals(List.of("a:STATUS", "b:STATUS"), due.stream().sorted().toList());
        due.clear();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        s.tick();
        // b has nothing monitored: its monitor job has nothing to do
        assertEquals(List.of("a:MONITOR"), due);
        due.clear();
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        s.tick();
        assertEquals(List.of(), due);
        now.addAndGet(Duration.ofSeconds(7).toNanos());
        s.tick();
        assertEquals(List.of("a:STATUS", "b:STATUS"), due.stream().sorted().toList());
    }

    @Test
    void anEvaluationElsewhereCountsAsARun() {
        AtomicLong now = new AtomicLong(0);
        List<String> due = new ArrayList<>();
        Scheduler s = new Scheduler((p, j) -> due.add(p.canonical()), now::get,
                java.time.Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        s.plan(ObjectPath.parse("a"), Duration.ofSeconds(10), null, false);
        s.evaluated(ObjectPath.parse("a"));
        s.tick();
        assertEquals(List.of(), due);
    }
}
