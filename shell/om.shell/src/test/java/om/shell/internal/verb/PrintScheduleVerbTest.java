package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import om.api.json.Json;
import om.api.schedule.Job;
import om.api.schedule.LastRuns;
import om.api.schedule.Schedule;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrintScheduleVerbTest {
    static final Instant NOW = Instant.parse("2026-12-02T10:00:30Z");
    static final Instant EVALUATED = Instant.parse("2026-12-02T09:58:00Z");

    @TempDir
    Path var;

    static Job job(Job.Action a, String rid, String keyword, String expr) {
        return new Job(a, rid, keyword, expr, Schedule.parse(expr), null, false, false);
    }

    static final List<Job> JOBS = List.of(job(Job.Action.STATUS, null, "status_schedule", "@10m"),
            job(Job.Action.MONITOR, null, "monitor_schedule", "@1m"),
            job(Job.Action.SYNC, "sync#1", "sync_schedule", "04:00-06:00"),
            job(Job.Action.RUN, "task#1", "task#1.schedule", "@5m"),
            job(Job.Action.RUN, "task#2", "run_schedule", ""),
            new Job(Job.Action.RUN, "task#3", "task#3.schedule", "25:00", null, "bad time '25:00'", false, false));

    static InstanceStatus status(Status avail) {
        return new InstanceStatus("web", "n1", "svc", "failover", "ha", avail, avail, Status.NA, "true", false, null,
                EVALUATED, null, List.of(), Map.of(), 50);
    }

    @Test
    void theTableShowsEveryJobWithItsRunsAndWhyNot() throws Exception {
        LastRuns.write(var, "task#1", Instant.parse("2026-12-02T09:57:00Z"));
        List<PrintScheduleVerb.Row> rows = PrintScheduleVerb.rows("web", JOBS, status(Status.DOWN), var, false,
                "n1", NOW, ZoneOffset.UTC);
        assertEquals("""
                ACTION   RID     KEYWORD           SCHEDULE     LAST RUN             NEXT RUN             WHY
                status   -       status_schedule   @10m         2026-12-02 09:58:00  2026-12-02 10:08:00
                monitor  -       monitor_schedule  @1m          2026-12-02 09:58:00  2026-12-02 10:00:30  no monitored resource
                sync     sync#1  sync_schedule     04:00-06:00  -                    2026-12-03 04:00:00  not up on this node
                run      task#1  task#1.schedule   @5m          2026-12-02 09:57:00  2026-12-02 10:02:00  not up on this node
                run      task#2  run_schedule      -            -                    -                    not scheduled
                run      task#3  task#3.schedule   25:00        -                    -                    invalid schedule: bad time '25:00'
                """, PrintScheduleVerb.table(rows, false, ZoneOffset.UTC));
    }

    @Test
    void severalObjectsGetTheObjectColumnAndJsonHasEveryField() throws Exception {
        List<PrintScheduleVerb.Row> rows = PrintScheduleVerb.rows("web", JOBS.subList(3, 4), status(Status.UP), var,
                false, "n1", NOW, ZoneOffset.UTC);
        assertEquals("""
                OBJECT  ACTION  RID     KEYWORD          SCHEDULE  LAST RUN  NEXT RUN             WHY
                web     run     task#1  task#1.schedule  @5m       -         2026-12-02 10:00:30
                """, PrintScheduleVerb.table(rows, true, ZoneOffset.UTC));
        JsonNode a = Json.mapper().readTree(Json.mapper().writeValueAsString(PrintScheduleVerb.json(rows)));
        assertEquals(Json.mapper().readTree("""
                [{"path": "web", "action": "run", "rid": "task#1", "keyword": "task#1.schedule", "schedule": "@5m",
                  "last_run": null, "next_run": "2026-12-02T10:00:30.000Z", "why": null}]"""), a);
    }

    @Test
    void aMissingObjectIsOneLineAndExit1() {
        Fakes.Store store = new Fakes.Store("web");
        OmCommandRunner runner = new OmCommandRunner(Fakes.services(store));
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "nosuch", "print", "schedule"));
        assertEquals("error: nosuch: object not found\n", c.err());
        Fakes.Call d = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, d, "web", "print", "schedule", "--format", "yaml"));
    }
}
