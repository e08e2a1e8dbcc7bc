package om.api.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.config.Keyword;
import om.api.config.ObjectConfig;
import om.api.config.RawConfig;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsTest {
    /** Sections of written values; a read answers what is written, nothing else (the defaults are the jobs'). */
    private static final class Written implements ObjectConfig {
        final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

        Written with(String section, String key, String value) {
            sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value);
            return this;
        }

        @Override
        public ObjectPath path() {
            return ObjectPath.parse("web");
        }

        @Override
        public Path file() {
            return Path.of("/nonexistent/web.conf");
        }

        @Override
        public Instant mtime() {
            return Instant.EPOCH;
        }

        @Override
        public RawConfig raw() {
            throw new UnsupportedOperationException();
        }

        @Override
        public String node() {
            return "n1";
        }

        @Override
        public List<String> rids() {
            List<String> out = new ArrayList<>(sections.keySet());
            out.remove("DEFAULT");
            return out;
        }

        @Override
        public Optional<String> get(String section, String key) {
            String v = sections.getOrDefault(section, Map.of()).get(key);
            if (v != null && v.startsWith("{")) {
                throw new om.api.OmException(section + "." + key + ": cannot evaluate " + v);
            }
            return Optional.ofNullable(v);
        }

        @Override
        public boolean isWritten(String section, String key) {
            return sections.getOrDefault(section, Map.of()).containsKey(key);
        }

        @Override
        public Optional<Keyword> keyword(String section, String key) {
            return Optional.empty();
        }

        @Override
        public String expand(String section, String text) {
            return text;
        }
    }

    @Test
    void theJobsOfAnObjectWithTheirKeywordsAndDefaults() {
        Written cfg = new Written().with("DEFAULT", "monitor_schedule", "@30s")
                .with("task#b", "command", "true").with("task#a", "command", "true").with("task#a", "schedule", "@5s")
                .with("sync#1", "src", "/srv/x").with("app#1", "start", "true")
                .with("task#c", "confirmation", "true").with("task#c", "schedule", "@1m");
        List<Job> jobs = Jobs.of(cfg);
        assertEquals(List.of("status", "monitor", "sync#1", "task#a", "task#b", "task#c"),
                jobs.stream().map(Job::name).toList());
        assertEquals(List.of("status_schedule", "monitor_schedule", "sync_schedule", "task#a.schedule",
                "run_schedule", "task#c.schedule"), jobs.stream().map(Job::keyword).toList());
        assertEquals(List.of("@10m", "@30s", "04:00-06:00", "@5s", "", "@1m"),
                jobs.stream().map(Job::expression).toList());
        assertTrue(jobs.get(4).schedule().isNever(), "run_schedule unset: never");
        assertTrue(jobs.get(5).confirmation());
        assertEquals(Job.Action.SYNC, jobs.get(2).action());
        assertEquals(Job.Action.RUN, jobs.get(3).action());
    }

    @Test
    void aBadScheduleIsAJobWithItsError() {
        Written cfg = new Written().with("task#1", "schedule", "25:99").with("task#2", "schedule", "{bad.ref}");
        List<Job> jobs = Jobs.of(cfg);
        assertNull(jobs.get(2).schedule());
        assertTrue(jobs.get(2).error() != null && !jobs.get(2).error().isBlank());
        assertTrue(Jobs.blocker(jobs.get(2), null, false).orElseThrow().startsWith("invalid schedule: "));
        assertTrue(jobs.get(3).error().contains("cannot evaluate"), jobs.get(3).error());
    }

    private static InstanceStatus status(String topology, Status avail, boolean frozen, String provisioned,
                                         boolean monitored) {
        Map<String, ResourceStatus> res = new LinkedHashMap<>();
        res.put("app#1", new ResourceStatus("app#1", "app.forking", "x", avail, provisioned, monitored, false, false,
                false, false, false, false, 0, -1, null, List.of(), List.of()));
        return new InstanceStatus("web", "n1", "svc", topology, "ha", avail, avail, Status.NA, provisioned, frozen,
                null, Instant.EPOCH, null, List.of(), res, 50);
    }

    private static Job job(Job.Action a, String rid, String expr, boolean disabled, boolean confirm) {
        return new Job(a, rid, "k", expr, Schedule.parse(expr), null, disabled, confirm);
    }

    @Test
    void whyAJobWouldNotRun() {
        Job run = job(Job.Action.RUN, "task#1", "@5s", false, false);
        Job status = job(Job.Action.STATUS, null, "@10m", false, false);
        Job monitor = job(Job.Action.MONITOR, null, "@1m", false, false);
        InstanceStatus up = status("failover", Status.UP, false, "true", false);
        assertEquals(Optional.empty(), Jobs.blocker(run, up, false));
        assertEquals(Optional.of("node frozen"), Jobs.blocker(run, up, true));
        assertEquals(Optional.empty(), Jobs.blocker(status, up, true), "status jobs run on a frozen node");
        assertEquals(Optional.of("frozen"), Jobs.blocker(run, status("failover", Status.UP, true, "true", false),
                false));
        assertEquals(Optional.of("not up on this node"),
                Jobs.blocker(run, status("failover", Status.DOWN, false, "true", false), false));
        assertEquals(Optional.empty(), Jobs.blocker(run, status("flex", Status.DOWN, false, "true", false), false),
                "flex: wherever provisioned");
        assertEquals(Optional.of("not provisioned"),
                Jobs.blocker(run, status("flex", Status.UP, false, "false", false), false));
        assertEquals(Optional.of("no status yet"), Jobs.blocker(run, null, false));
        assertEquals(Optional.of("no monitored resource"), Jobs.blocker(monitor, up, false));
        assertEquals(Optional.empty(), Jobs.blocker(monitor, status("failover", Status.UP, false, "true", true),
                false));
        assertEquals(Optional.of("disabled"), Jobs.blocker(job(Job.Action.RUN, "task#1", "@5s", true, false), up,
                false));
        assertEquals(Optional.of("needs confirmation"),
                Jobs.blocker(job(Job.Action.RUN, "task#1", "@5s", false, true), up, false));
        assertEquals(Optional.of("not scheduled"), Jobs.blocker(job(Job.Action.RUN, "task#1", "", false, false),
                up, false));
    }

    @Test
    void seedsDifferAcrossNodesAndJobsAndStayTheSame() {
        Job a = job(Job.Action.RUN, "task#1", "@5s", false, false);
        Job b = job(Job.Action.RUN, "task#2", "@5s", false, false);
        assertEquals(a.seed("n1", "web"), a.seed("n1", "web"));
        assertFalse(a.seed("n1", "web") == a.seed("n2", "web"));
        assertFalse(a.seed("n1", "web") == b.seed("n1", "web"));
    }

    @TempDir
    Path dir;

    @Test
    void lastRunsAreKeptPerJob() throws Exception {
        assertEquals(Optional.empty(), LastRuns.read(dir, "task#1"));
        Instant t = Instant.parse("2026-12-02T01:02:03.456Z");
        LastRuns.write(dir, "task#1", t);
        assertEquals(Optional.of(t), LastRuns.read(dir, "task#1"));
        assertEquals(Optional.empty(), LastRuns.read(dir, "task#2"));
        java.nio.file.Files.writeString(dir.resolve("scheduler").resolve("task#2"), "garbage");
        assertEquals(Optional.empty(), LastRuns.read(dir, "task#2"), "a torn file reads as never ran");
        Path deleted = dir.resolve("deleted");
        LastRuns.write(deleted, "task#1", t);
        assertFalse(java.nio.file.Files.exists(deleted), "a deleted object's var folder is not made again");
    }
}
