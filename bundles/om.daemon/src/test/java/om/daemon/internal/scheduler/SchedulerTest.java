package om.daemon.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import om.api.ObjectPath;
import om.api.schedule.Job;
import om.api.schedule.LastRuns;
import om.api.schedule.Schedule;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulerTest {
    private static final ObjectPath A = ObjectPath.parse("a");
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @TempDir
    Path dir;

    /** A clock the test moves; the monotonic clock moves with it unless the test steps the wall clock. */
    private static final class Clocks extends Clock {
        Instant wall = T0;
        long mono = 1_000_000_000L;

        void advance(Duration d) {
            wall = wall.plus(d);
            mono += d.toNanos();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return wall;
        }
    }

    private final Clocks clocks = new Clocks();
    private final List<String> handed = new ArrayList<>();
    private final List<Runnable> pending = new ArrayList<>();

    private Scheduler scheduler() {
        try {
            java.nio.file.Files.createDirectories(dir.resolve("a"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Scheduler((p, job, done) -> {
            handed.add(p.canonical() + ":" + job.name());
            if (job.isAction()) {
                pending.add(done);
            } else {
                done.run();
            }
            return true;
        }, () -> clocks.mono, clocks, ZoneOffset.UTC, "n1", p -> dir.resolve(p.name()),
                dir.resolve("node").resolve("frozen"));
    }

    private static Job job(Job.Action a, String rid, String expr) {
        return new Job(a, rid, rid == null ? a.word() + "_schedule" : rid + ".schedule", expr, Schedule.parse(expr),
                null, false, false);
    }

    private static InstanceStatus status(Status avail, boolean frozen, Instant updated) {
        return new InstanceStatus("a", "n1", "svc", "failover", "ha", avail, avail, Status.NA, "true", frozen,
                frozen ? updated : null, updated, null, List.of(), Map.of(), 50);
    }

    private void tick(Scheduler s, Duration d) {
        clocks.advance(d);
        s.tick();
    }

    @Test
    void aTaskRunsWhereTheInstanceIsUpOncePerInterval() {
        Scheduler s = scheduler();
        List<Job> jobs = List.of(job(Job.Action.STATUS, null, "@10m"), job(Job.Action.RUN, "task#1", "@5s"));
        s.plan(A, jobs, status(Status.DOWN, false, T0));
        tick(s, Duration.ofSeconds(1));
        assertEquals(List.of(), handed, "not up here: the task waits, the status job ran at T0");
        s.plan(A, jobs, status(Status.UP, false, T0));
        tick(s, Duration.ofSeconds(1));
        assertEquals(List.of("a:task#1"), handed, "due since it never ran, up now");
        handed.clear();
        pending.forEach(Runnable::run);
        pending.clear();
        for (int i = 0; i < 4; i++) {
            tick(s, Duration.ofSeconds(1));
        }
        assertEquals(List.of(), handed);
        tick(s, Duration.ofSeconds(1));
        assertEquals(List.of("a:task#1"), handed, "5 s after the last run");
    }

    @Test
    void ticksAFewMillisecondsLateKeepTheInterval() {
        Scheduler s = scheduler();
        List<Job> jobs = List.of(job(Job.Action.RUN, "task#1", "@5s"));
        s.plan(A, jobs, status(Status.UP, false, T0));
        List<Instant> runs = new ArrayList<>();
        clocks.advance(Duration.ofMillis(12));
        for (int i = 0; i < 11; i++) {
            s.tick();
            if (!handed.isEmpty()) {
                runs.add(clocks.wall);
                handed.clear();
                pending.forEach(Runnable::run);
                pending.clear();
            }
            clocks.advance(Duration.ofSeconds(1));
        }
        assertEquals(List.of(T0.plusMillis(12), T0.plusMillis(5012), T0.plusMillis(10012)), runs,
                "5 s apart, not 6");
    }

    @Test
    void aRunStillGoingIsNotStartedAgain() {
        Scheduler s = scheduler();
        List<Job> jobs = List.of(job(Job.Action.RUN, "task#1", "@5s"));
        s.plan(A, jobs, status(Status.UP, false, T0));
        tick(s, Duration.ofSeconds(1));
        tick(s, Duration.ofSeconds(12));
        assertEquals(List.of("a:task#1"), handed);
        pending.forEach(Runnable::run);
        tick(s, Duration.ofSeconds(1));
        assertEquals(List.of("a:task#1", "a:task#1"), handed, "due again once the run ended");
    }

    @Test
    void aConfigChangeDuringARunDoesNotLeaveTheJobRunningForEver() {
        Scheduler s = scheduler();
        s.plan(A, List.of(job(Job.Action.RUN, "task#1", "@5s")), status(Status.UP, false, T0));
        tick(s, Duration.ofSeconds(1));
        assertEquals(List.of("a:task#1"), handed);
        // the schedule is edited while the run goes on
        s.plan(A, List.of(job(Job.Action.RUN, "task#1", "@2s")), status(Status.UP, false, T0));
        pending.forEach(Runnable::run);
        pending.clear();
        handed.clear();
        tick(s, Duration.ofSeconds(3));
        assertEquals(List.of("a:task#1"), handed, "runs again on its new schedule once the run ended");
    }

    @Test
    void theLastRunSurvivesARestart() {
        Scheduler s = scheduler();
        List<Job> jobs = List.of(job(Job.Action.RUN, "task#1", "@1m"));
        s.plan(A, jobs, status(Status.UP, false, T0));
        tick(s, Duration.ofSeconds(1));
        assertEquals(List.of("a:task#1"), handed);
        assertEquals(T0.plusSeconds(1), LastRuns.read(dir.resolve("a"), "task#1").orElseThrow());
        handed.clear();
        Scheduler restarted = scheduler();
        restarted.plan(A, jobs, status(Status.UP, false, T0));
        tick(restarted, Duration.ofSeconds(30));
        assertEquals(List.of(), handed, "30 s after the last run of a 1 m job");
        tick(restarted, Duration.ofSeconds(31));
        assertEquals(List.of("a:task#1"), handed);
    }

    @Test
    void anEvaluationCountsAsAStatusRun() {
        Scheduler s = scheduler();
        List<Job> jobs = List.of(job(Job.Action.STATUS, null, "@10s"));
        s.plan(A, jobs, status(Status.UP, false, T0));
        tick(s, Duration.ofSeconds(8));
        s.plan(A, jobs, status(Status.UP, false, clocks.wall));
        tick(s, Duration.ofSeconds(8));
        assertEquals(List.of(), handed, "evaluated 8 s ago by an action");
        tick(s, Duration.ofSeconds(2));
        assertEquals(List.of("a:status"), handed);
    }

    @Test
    void frozenNodeOrInstanceSkipsActionJobsNotTheStatusJob() throws Exception {
        Scheduler s = scheduler();
        List<Job> jobs = List.of(job(Job.Action.STATUS, null, "@10s"), job(Job.Action.RUN, "task#1", "@5s"));
        Files.createDirectories(dir.resolve("node"));
        Files.writeString(dir.resolve("node").resolve("frozen"), "");
        s.plan(A, jobs, status(Status.UP, false, T0));
        tick(s, Duration.ofSeconds(11));
        assertEquals(List.of("a:status"), handed);
        handed.clear();
        Files.delete(dir.resolve("node").resolve("frozen"));
        s.plan(A, jobs, status(Status.UP, true, clocks.wall));
        tick(s, Duration.ofSeconds(1));
        assertEquals(List.of(), handed, "the instance is frozen");
        s.plan(A, jobs, status(Status.UP, false, clocks.wall));
        tick(s, Duration.ofSeconds(1));
        assertEquals(List.of("a:task#1"), handed);
    }

    @Test
    void aClockStepBackDoesNotStopTheJobs() {
        Scheduler s = scheduler();
        List<Job> jobs = List.of(job(Job.Action.RUN, "task#1", "@5s"));
        s.plan(A, jobs, status(Status.UP, false, T0));
        tick(s, Duration.ofSeconds(1));
        pending.forEach(Runnable::run);
        pending.clear();
        handed.clear();
        // the wall clock goes back an hour while the monotonic one moves on
        clocks.wall = clocks.wall.minus(Duration.ofHours(1));
        for (int i = 0; i < 7; i++) {
            tick(s, Duration.ofSeconds(1));
        }
        assertTrue(handed.contains("a:task#1"), "ran again within its interval after the step: " + handed);
    }

    @Test
    void aWindowMissedWhileDownWaitsForTheNextOne() {
        Scheduler s = scheduler();
        // a one-minute window at 10:00 that the daemon misses
        List<Job> jobs = List.of(job(Job.Action.RUN, "task#1", "10:00-10:01"));
        s.plan(A, jobs, status(Status.UP, false, T0));
        clocks.advance(Duration.ofMinutes(5));
        s.tick();
        assertEquals(List.of(), handed, "10:05 is outside the window");
        assertEquals(Instant.parse("2026-12-03T10:00:00Z"), s.nextRuns(A).get("task#1"));
    }
}
