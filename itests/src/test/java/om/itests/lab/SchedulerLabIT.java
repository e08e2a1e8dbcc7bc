package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * Issue 11, the daemon's scheduler (heartbeats-and-daemon.md section 9), on three real daemons in om-lab: scheduled
 * task runs where a failover instance is up, and only there, through a switch; the jobs of {@code print schedule}
 * with why they do not run (not up, frozen); a scheduled rsync keeping the sync status up, then warning once a peer
 * is unreachable for longer than {@code max_delay}, then up again; the last runs surviving a daemon restart. Each
 * task run appends {@code <node> <epoch ms>} to {@code <object>.ticks} in a folder every node reads (the nodes share
 * the host's file tree outside /srv and /root), so the runs are seen from outside om.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.LAB)
class SchedulerLabIT {
    static final Duration FORMED = Duration.ofSeconds(60);
    static final Duration REPLICATED = Duration.ofSeconds(40);
    static final Duration SEEN = Duration.ofSeconds(15);
    static final String WAIT = "--time=60s";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The period of the @5s jobs, and how far a run may stray from it (the scheduler's tick, a loaded machine). */
    static final long PERIOD_MS = 5000;
    static final long SLACK_MS = 2000;
    static final String TICK = """
            #!/bin/sh
            # a scheduled task run of the scheduler lab tests: one line <node> <epoch ms> per run
            echo "$(hostname) $(date +%s%3N)" >>"$(dirname "$0")/${OPENSVC_NAME:?}.ticks"
            """;
    static Lab lab;
    static AppJournal apps;
    static Path tick;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.upFormed(3, FORMED);
        apps = new AppJournal(lab.labRoot().resolve("apps"), lab.nodes());
        tick = apps.dir.resolve("tick.sh");
        Files.writeString(tick, TICK);
        Files.setPosixFilePermissions(tick, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    // ---- helpers

    /** One task run: the node it ran on, when. */
    record Tick(String node, long ms) {
        @Override
        public String toString() {
            return node + "@" + Instant.ofEpochMilli(ms);
        }
    }

    static List<Tick> ticks(String name) throws IOException {
        Path f = apps.dir.resolve(name + ".ticks");
        List<Tick> out = new ArrayList<>();
        if (!Files.exists(f)) {
            return out;
        }
        for (String line : Files.readAllLines(f)) {
            String[] w = line.trim().split(" ");
            if (w.length == 2) {
                out.add(new Tick(w[0], Long.parseLong(w[1])));
            }
        }
        return out;
    }

    static List<Tick> ticks(String name, String node) throws IOException {
        return ticks(name).stream().filter(t -> t.node().equals(node)).toList();
    }

    /** Waits until the ticks of name pass test; fails with them at the deadline. */
    static List<Tick> awaitTicks(String name, Duration within, String what, Predicate<List<Tick>> test)
            throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (true) {
            List<Tick> t = ticks(name);
            if (test.test(t)) {
                return t;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError(name + ": not " + what + " within " + within + "; ticks " + t);
            }
            Thread.sleep(100);
        }
    }

    /** Consecutive runs are one period apart, give or take the slack. */
    static void assertPeriodic(List<Tick> runs) {
        for (int i = 1; i < runs.size(); i++) {
            long gap = runs.get(i).ms() - runs.get(i - 1).ms();
            assertTrue(Math.abs(gap - PERIOD_MS) <= SLACK_MS,
                    "runs " + PERIOD_MS + " ms apart (+-" + SLACK_MS + "), not " + gap + " ms: " + runs);
        }
    }

    static Lab.Result ok(String node, String... args) throws Exception {
        Lab.Result r = lab.om(node, args);
        assertEquals(0, r.exit(), "om " + String.join(" ", args) + " on " + node + ": " + r);
        return r;
    }

    static JsonNode instance(JsonNode status, String node, String name) {
        return Lab.instance(status, node, name);
    }

    /** Creates the object on n1 and waits until every daemon of on shows every instance of it on on. */
    static void create(String name, String config, List<String> on) throws Exception {
        lab.createReplicated(apps.dir, name, config, on, REPLICATED);
    }

    static void awaitUp(String name, Set<String> nodes, Duration within) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (!apps.up(name).equals(nodes)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(name + " up on " + apps.up(name) + ", not " + nodes + " within " + within
                        + "; journal " + apps.entries(name));
            }
            Thread.sleep(50);
        }
    }

    /** The config of a failover object whose app is the journal's script, with more sections. */
    static String config(List<String> nodes, String sections) {
        return apps.config(nodes, "orchestrate = no\n", "true") + "\n" + sections;
    }

    /**
     * The jobs of {@code om <name> print schedule --format json} on node: every object of the document holding an
     * {@code action} member, wherever it sits (a list, or one per object).
     */
    static List<JsonNode> jobs(String node, String name) throws Exception {
        Lab.Result r = ok(node, name, "print", "schedule", "--format", "json");
        List<JsonNode> out = new ArrayList<>();
        collectJobs(JSON.readTree(r.out()), out);
        return out;
    }

    private static void collectJobs(JsonNode n, List<JsonNode> out) {
        if (n.isObject() && n.has("action") && n.has("rid")) {
            out.add(n);
            return;
        }
        n.forEach(c -> collectJobs(c, out));
    }

    /** The job of rid and action on node; fails listing the jobs when absent. */
    static JsonNode job(String node, String name, String action, String rid) throws Exception {
        List<JsonNode> all = jobs(node, name);
        return all.stream().filter(j -> j.path("action").asText().equals(action) && j.path("rid").asText().equals(rid))
                .findFirst().orElseThrow(() -> new AssertionError(node + ": no " + action + " job of " + rid
                        + " in print schedule: " + all));
    }

    /** The job once the node's daemon answers print schedule with it (after a restart). */
    static JsonNode awaitJob(String node, String name, String action, String rid) throws Exception {
        long end = System.nanoTime() + SEEN.toNanos();
        while (true) {
            try {
                return job(node, name, action, rid);
            } catch (AssertionError e) {
                if (System.nanoTime() > end) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }

    /** A time member: an ISO-8601 text or epoch seconds; null when null or absent. */
    static Instant time(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode() || v.asText().isEmpty()) {
            return null;
        }
        if (v.isNumber()) {
            double s = v.asDouble();
            return Instant.ofEpochMilli((long) (s > 1e11 ? s : s * 1000));
        }
        return Instant.parse(v.asText());
    }

    static JsonNode resource(String node, String name, String rid) throws Exception {
        JsonNode st = lab.instanceStatus(node, name, false);
        return st == null ? null : st.path("resources").path(rid);
    }

    static String log(JsonNode resource) {
        List<String> out = new ArrayList<>();
        resource.path("log").forEach(e -> out.add(e.path("level").asText() + ": " + e.path("message").asText()));
        return String.join("\n", out);
    }

    static JsonNode awaitResource(String node, String name, String rid, Duration within, String what,
                                  Predicate<JsonNode> test) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        JsonNode last;
        do {
            last = resource(node, name, rid);
            if (last != null && test.test(last)) {
                return last;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < end);
        throw new AssertionError(node + ": " + name + " " + rid + " not " + what + " within " + within + "; last "
                + last);
    }

    // ---- the tests

    @Test
    @Order(1)
    void aFiveSecondTaskRunsEveryFiveSecondsWhereTheFailoverInstanceIsUpOnlyAndFollowsASwitch() throws Exception {
        // beside it, a flex object never started: its task runs wherever it is provisioned, up or not
        create("fx1", apps.config(lab.nodes(), "topology = flex\norchestrate = no\n", "true")
                + "\n[task#1]\ncommand = " + tick + "\nschedule = @5s\n", lab.nodes());
        create("tk1", config(lab.nodes(), "[task#1]\ncommand = " + tick + "\nschedule = @5s\n"), lab.nodes());
        assertEquals(List.of(), ticks("tk1"), "no run while no instance is up");
        ok("n3", "tk1", "start", "--wait", WAIT);
        long started = System.currentTimeMillis();
        awaitUp("tk1", Set.of("n1"), SEEN);
        List<Tick> t = awaitTicks("tk1", Duration.ofMillis(3 * PERIOD_MS + 8000), "3 runs on n1",
                l -> l.size() >= 3);
        System.out.println("tk1 on n1: start returned at " + Instant.ofEpochMilli(started) + ", runs " + t);
        assertEquals(List.of(), t.stream().filter(x -> !x.node().equals("n1")).toList(), "runs on n1 only: " + t);
        assertTrue(t.get(0).ms() - started <= PERIOD_MS + SLACK_MS, "a job that never ran is due at once: " + t);
        assertPeriodic(t);
        String log = Files.readString(lab.root("n1").resolve("log/tk1.log"));
        assertTrue(log.contains("do run --rid task#1 (origin scheduler)"), "n1's object log:\n" + log);
        assertTrue(log.lines().anyMatch(l -> l.contains(" sc:y | ") && l.contains("r:task#1")),
                "the resource lines of a scheduled run are marked scheduled:\n" + log);

        long switching = System.currentTimeMillis();
        ok("n1", "tk1", "switch", "--node", "n2", "--wait", WAIT);
        long switched = System.currentTimeMillis();
        awaitUp("tk1", Set.of("n2"), SEEN);
        List<Tick> after = awaitTicks("tk1", Duration.ofMillis(2 * PERIOD_MS + 8000), "2 runs on n2 after the switch",
                l -> l.stream().filter(x -> x.node().equals("n2") && x.ms() >= switched).count() >= 2);
        System.out.println("tk1 after the switch (" + Instant.ofEpochMilli(switching) + " to "
                + Instant.ofEpochMilli(switched) + "): " + after);
        assertEquals(List.of(), after.stream().filter(x -> x.node().equals("n2") && x.ms() < switching).toList(),
                "no run on n2 before the switch: " + after);
        assertEquals(List.of(), after.stream().filter(x -> x.node().equals("n1") && x.ms() > switched).toList(),
                "no run on n1 once it switched away: " + after);
        assertEquals(List.of(), after.stream().filter(x -> x.node().equals("n3")).toList(), "never on n3: " + after);
        assertPeriodic(ticks("tk1", "n2"));

        assertEquals(Set.of(), apps.up("fx1"), "fx1 was never started");
        for (String n : lab.nodes()) {
            List<Tick> f = ticks("fx1", n);
            assertTrue(f.size() >= 3, "the flex task runs on " + n + " too: " + ticks("fx1"));
            assertPeriodic(f);
        }
        ok("n1", "fx1", "freeze");
    }

    @Test
    @Order(2)
    void printScheduleSaysWhyAJobDoesNotRunNotUpHereOrFrozenAndAFrozenInstanceSkipsIt() throws Exception {
        for (String node : List.of("n1", "n3")) {
            JsonNode j = job(node, "tk1", "run", "task#1");
            assertEquals("not up on this node", j.path("why").asText(), node + ": " + j);
            assertEquals("task#1.schedule", j.path("keyword").asText(), j.toString());
            assertEquals("@5s", j.path("schedule").asText(), j.toString());
            String text = ok(node, "tk1", "print", "schedule").out();
            assertTrue(text.lines().anyMatch(l -> l.contains("task#1") && l.contains("not up on this node")),
                    node + ":\n" + text);
        }
        // the node's view: every object's jobs, each with its path
        Lab.Result all = ok("n1", "node", "print", "schedule", "--format", "json");
        List<JsonNode> nodeJobs = new ArrayList<>();
        collectJobs(JSON.readTree(all.out()), nodeJobs);
        assertTrue(nodeJobs.stream().anyMatch(j -> j.path("path").asText().equals("tk1")
                && j.path("rid").asText().equals("task#1") && j.path("why").asText().equals("not up on this node")),
                "om node print schedule on n1:\n" + all.out());
        JsonNode up = job("n2", "tk1", "run", "task#1");
        assertTrue(up.path("why").isNull(), "nothing keeps n2 from running it: " + up);
        assertNotNull(time(up.path("last_run")), "n2 ran it: " + up);
        assertNotNull(time(up.path("next_run")), "n2 runs it again: " + up);

        ok("n2", "tk1", "freeze", "--wait", WAIT);
        long frozen = System.currentTimeMillis();
        JsonNode j = job("n2", "tk1", "run", "task#1");
        assertEquals("frozen", j.path("why").asText(), "n2, frozen: " + j);
        // a frozen node says so first
        ok("n2", "node", "freeze");
        assertEquals("node frozen", job("n2", "tk1", "run", "task#1").path("why").asText());
        ok("n2", "node", "thaw");
        Thread.sleep(PERIOD_MS + SLACK_MS + 1000);
        // a run handed over as the freeze returned may still write its line in the next instants
        assertEquals(List.of(), ticks("tk1").stream().filter(x -> x.ms() > frozen + 1000).toList(),
                "a frozen instance skips its task job");
    }

    @Test
    @Order(3)
    void aScheduledSyncKeepsTheStatusUpWarnsOnceAPeerIsUnreachableBeyondMaxDelayThenRecovers() throws Exception {
        Path src = lab.data("n1").resolve("sc1");
        Files.createDirectories(src);
        Files.writeString(src.resolve("f1"), "1\n");
        create("sc1", config(List.of("n1", "n2"), "[sync#1]\ntype = rsync\nsrc = /srv/sc1/\ndst = /srv/sc1/\n"
                + "target = nodes\nschedule = @5s\nmax_delay = 15s\n"), List.of("n1", "n2"));
        ok("n2", "sc1", "start", "--wait", WAIT);
        awaitUp("sc1", Set.of("n1"), SEEN);
        Path n2 = lab.data("n2").resolve("sc1");
        awaitFile(n2.resolve("f1"), Duration.ofMillis(PERIOD_MS + 8000), "the scheduler's first sync");
        awaitResource("n1", "sc1", "sync#1", SEEN, "up", r -> r.path("status").asText().equals("up"));
        assertEquals("n/a", resource("n2", "sc1", "sync#1").path("status").asText(), "n/a where not up");

        Path last = lab.root("n1").resolve("var/svc/sc1/sync#1/last_sync_n2");
        lab.stopSshd("n2");
        long stopped = System.currentTimeMillis();
        Files.writeString(src.resolve("f3"), "3\n");
        JsonNode warn = awaitResource("n1", "sc1", "sync#1", Duration.ofMillis(15000 + PERIOD_MS + 8000),
                "warn with n2 last sync is too old", r -> r.path("status").asText().equals("warn")
                        && log(r).contains("n2 last sync is too old"));
        long warned = System.currentTimeMillis();
        // the last sync that reached n2 (one going on at the stop may have ended after it)
        long lastOk = Files.getLastModifiedTime(last).toMillis();
        System.out.println("sc1: last sync to n2 " + (stopped - lastOk) + " ms before the sshd stop, warn "
                + (warned - lastOk) + " ms after it: " + warn);
        assertTrue(lastOk <= stopped + 3000, "no sync reached n2 after its sshd stopped: " + (lastOk - stopped));
        assertTrue(warned - lastOk >= 15000 - 1000, "warns only once the last sync is older than max_delay (15 s): "
                + (warned - lastOk) + " ms");
        assertFalse(Files.exists(n2.resolve("f3")), "n2 unreachable");

        lab.startSshd("n2");
        // a later scheduled run: the job goes on after failures
        awaitFile(n2.resolve("f3"), Duration.ofMillis(PERIOD_MS + SLACK_MS + 3000), "a scheduled sync after the heal");
        awaitResource("n1", "sc1", "sync#1", SEEN, "up again", r -> r.path("status").asText().equals("up"));
    }

    static void awaitFile(Path f, Duration within, String what) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        while (!Files.exists(f)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(f + " absent: not copied by " + what + " within " + within);
            }
            Thread.sleep(100);
        }
    }

    @Test
    @Order(4)
    void theLastRunsSurviveADaemonRestartSoAJobDoesNotRunBeforeItsInterval() throws Exception {
        // long enough for a kill and a boot on a loaded 2-core machine (a restart took 17 s beside other builds)
        long interval = 30_000;
        create("rs1", config(List.of("n1"), "[task#1]\ncommand = " + tick + "\nschedule = @30s\n"), List.of("n1"));
        ok("n1", "rs1", "start", "--wait", WAIT);
        List<Tick> first = awaitTicks("rs1", Duration.ofMillis(SLACK_MS + 8000), "run once at the start",
                l -> !l.isEmpty());
        long t0 = first.get(0).ms();
        // the scheduler recorded the run before the restart
        JsonNode before = job("n1", "rs1", "run", "task#1");
        Instant ran = time(before.path("last_run"));
        assertNotNull(ran, before.toString());
        lab.kill("n1");
        lab.start("n1");
        long restarted = System.currentTimeMillis();
        System.out.println("rs1: ran at " + Instant.ofEpochMilli(t0) + ", n1 restarted " + (restarted - t0)
                + " ms later");
        assertTrue(restarted - t0 < interval - 3000, "the restart must end well inside the interval to prove"
                + " anything: it took until " + (restarted - t0) + " ms after the run");
        assertTrue(Files.isRegularFile(lab.root("n1").resolve("var/svc/rs1/scheduler/task#1")),
                "the last run is kept in the instance's var folder, scheduler/");
        JsonNode after = awaitJob("n1", "rs1", "run", "task#1");
        assertTrue(Math.abs(ran.toEpochMilli() - time(after.path("last_run")).toEpochMilli()) < 1000,
                "the last run is the persisted one (" + ran + "): " + after);
        Instant next = time(after.path("next_run"));
        assertNotNull(next, after.toString());
        assertTrue(Math.abs(next.toEpochMilli() - (ran.toEpochMilli() + interval)) <= SLACK_MS,
                "next run one interval after the persisted last run: " + after);
        List<Tick> t = awaitTicks("rs1", Duration.ofMillis(t0 + interval + SLACK_MS + 6000
                - System.currentTimeMillis()), "run again after its interval", l -> l.size() >= 2);
        System.out.println("rs1 runs: " + t);
        assertEquals(2, t.size(), "no run at the restart: " + t);
        long gap = t.get(1).ms() - t0;
        assertTrue(gap >= interval - 1500, "the run after the restart waited for the interval: " + gap + " ms");
        assertTrue(gap <= interval + SLACK_MS + 2000, "and came about then: " + gap + " ms");
    }
}
