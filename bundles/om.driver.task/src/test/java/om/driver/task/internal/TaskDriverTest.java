package om.driver.task.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.status.Level;
import om.api.status.LogEntry;
import om.api.status.Status;
import om.testkit.FakeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskDriverTest {
    private final TaskDriver driver = new TaskDriver();
    private Process foreign;

    @TempDir
    Path tmp;

    @AfterEach
    void killForeign() {
        if (foreign != null) {
            foreign.destroyForcibly();
        }
    }

    private FakeContext ctx(String... kv) {
        return FakeContext.builder().path(ObjectPath.parse("t1")).rid("task#0").varDir(tmp.resolve("var/task#0"))
                .keywords(TaskKeywords.all()).defaultTimeout(Duration.ofSeconds(30)).values(kv).build();
    }

    @Test
    void aRunLogsItsOutputAndRecordsTheLastRun() throws Exception {
        FakeContext c = ctx("command", "/bin/sh -c 'echo out $FOO $OPENSVC_PATH; echo err >&2'",
                "environment", "FOO=bar");
        assertEquals("task /bin/sh -c 'echo out $FOO $OPENSVC_PATH; echo err >&2'", driver.label(c));
        assertEquals(Status.NA, driver.status(c).status(), "check unset");
        c.set("check", "last_run");
        assertEquals(Status.NA, driver.status(c).status(), "never ran");

        driver.run(c);
        // arguments quoted as app exec lines are: the line reads back as the command that ran
        assertEquals("exec /bin/sh -c 'echo out $FOO $OPENSVC_PATH; echo err >&2' as user root",
                c.lines("info").get(0));
        assertTrue(c.lines("info").contains("out bar t1"), c.log().toString());
        assertTrue(c.lines("warn").contains("err"), c.log().toString());
        assertTrue(c.lines("info").get(c.lines("info").size() - 1).matches("run done in 0:00:0\\d\\.\\d{6} - ret 0"),
                c.log().toString());
        assertTrue(Files.readString(c.varDir().resolve("last_run")).contains("exit_code=0"));
        assertEquals(CheckResult.of(Status.UP), driver.status(c));
        c.set("check", null);
        assertEquals(Status.NA, driver.status(c).status());
        try (Stream<Path> files = Files.list(c.varDir().resolve("run"))) {
            assertEquals(List.of(".lock"), files.map(p -> p.getFileName().toString()).toList(), "slot freed");
        }
    }

    @Test
    void aFailingRunRunsOnErrorAndFailsWithOneLine() throws Exception {
        Path marker = tmp.resolve("marker");
        FakeContext c = ctx("command", "/bin/sh -c 'echo failing; exit 3'", "check", "last_run",
                "on_error", "/bin/sh -c 'echo handled $OPENSVC_RID > " + marker + "'");
        ActionException e = assertThrows(ActionException.class, () -> driver.run(c));
        assertEquals("run failed with ret 3", e.getMessage());
        assertEquals("handled task#0\n", Files.readString(marker));
        assertTrue(c.lines("info").contains("on_error: exec /bin/sh -c 'echo handled $OPENSVC_RID > " + marker
                + "' as user root"), c.log().toString());

        CheckResult warn = driver.status(c);
        assertEquals(Status.WARN, warn.status(), "3 is not in retcodes");
        assertTrue(warn.log().get(0).message().startsWith("last run ret 3 at "));
        c.set("retcodes", "0:up 3:down");
        assertEquals(Status.DOWN, driver.status(c).status());
        c.set("check", "last_run_warn");
        CheckResult lrw = driver.status(c);
        assertEquals(Status.NA, lrw.status());
        assertEquals(Level.WARN, lrw.log().get(0).level());
        assertTrue(lrw.log().get(0).message().startsWith("last run failed (ret 3) at "), lrw.toString());

        c.set("command", "/bin/true");
        driver.run(c);
        assertEquals(CheckResult.of(Status.NA), driver.status(c), "last_run_warn after a success");
    }

    @Test
    void retcodesDecideWhatASuccessfulRunIs() throws Exception {
        FakeContext c = ctx("command", "/bin/sh -c 'exit 2'", "retcodes", "0:up 2:up", "check", "last_run");
        driver.run(c);
        assertEquals(Status.UP, driver.status(c).status());
        c.set("command", "/bin/false").set("retcodes", "0:up 1:down");
        assertThrows(ActionException.class, () -> driver.run(c));
        assertEquals(Status.DOWN, driver.status(c).status());
        c.set("retcodes", "0:up x");
        assertEquals(CheckResult.of(Status.UNDEF,
                LogEntry.error("invalid retcodes entry 'x': expected <code>:<status>")), driver.status(c));
    }

    @Test
    void logFalseKeepsTheOutputOutOfTheLog() throws Exception {
        FakeContext c = ctx("command", "/bin/echo secret", "log", "false");
        driver.run(c);
        assertFalse(c.log().stream().anyMatch(l -> l.equals("info secret")), c.log().toString());
    }

    @Test
    void aSecondRunIsRefusedWhileOneIsInProgress() throws Exception {
        Path go = tmp.resolve("go");
        FakeContext first = ctx("command", "/bin/sh -c 'while [ ! -e " + go + " ]; do sleep 0.05; done'");
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                driver.run(first);
            } catch (ActionException e) {
                throw new IllegalStateException(e);
            }
        });
        Path runDir = first.varDir().resolve("run");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (RunSlots.running(runDir) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, RunSlots.running(runDir));
        FakeContext second = ctx("command", "/bin/true");
        ActionException e = assertThrows(ActionException.class, () -> driver.run(second));
        assertEquals("too many running instances (1, max_parallel 1)", e.getMessage());
        assertTrue(second.log().isEmpty(), "nothing ran: " + second.log());

        // a second slot lets it run beside the first
        second.set("max_parallel", "2");
        driver.run(second);

        Files.createFile(go);
        running.get(10, TimeUnit.SECONDS);
        assertEquals(0, RunSlots.running(runDir));
        driver.run(second.set("max_parallel", "1"));
    }

    @Test
    void aRunOfAnotherLiveProcessCountsAndADeadOneDoesNot() throws Exception {
        FakeContext c = ctx("command", "/bin/true");
        Path runDir = c.varDir().resolve("run");
        Files.createDirectories(runDir);
        foreign = new ProcessBuilder("/bin/sleep", "60").start();
        long start = foreign.toHandle().info().startInstant().orElseThrow().toEpochMilli();
        Files.writeString(runDir.resolve(foreign.pid() + "-x"), foreign.pid() + " " + start + "\n");
        assertEquals("too many running instances (1, max_parallel 1)",
                assertThrows(ActionException.class, () -> driver.run(c)).getMessage());

        // the same pid with another start time is a reused pid: not a run in progress
        Files.writeString(runDir.resolve(foreign.pid() + "-x"), foreign.pid() + " " + (start - 3_600_000) + "\n");
        driver.run(c);
        assertFalse(Files.exists(runDir.resolve(foreign.pid() + "-x")), "stale slot removed");

        Files.writeString(runDir.resolve(foreign.pid() + "-y"), foreign.pid() + " " + start + "\n");
        foreign.destroyForcibly().waitFor();
        driver.run(c);
    }

    @Test
    void aRunPastItsTimeoutIsKilledAndRecorded() throws Exception {
        FakeContext c = ctx("command", "/bin/sleep 30", "run_timeout", "1s", "check", "last_run");
        long t0 = System.nanoTime();
        ActionException e = assertThrows(ActionException.class, () -> driver.run(c));
        assertEquals("run timed out after 1s", e.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(15));
        CheckResult r = driver.status(c);
        assertEquals(Status.DOWN, r.status());
        assertTrue(r.log().get(0).message().startsWith("last run failed (timed out) at "), r.toString());
    }

    @Test
    void userCwdAndEnvironmentApply() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("wd"));
        FakeContext c = ctx("command", "/bin/sh -c 'id -u; id -g; pwd'", "user", "nobody", "cwd", dir.toString());
        dir.toFile().setExecutable(true, false);
        tmp.toFile().setExecutable(true, false);
        driver.run(c);
        assertEquals("exec /bin/sh -c 'id -u; id -g; pwd' as user nobody", c.lines("info").get(0));
        List<String> info = c.lines("info");
        assertEquals("65534", info.get(1), c.log().toString());
        assertEquals(dir.toString(), info.get(3), c.log().toString());

        FakeContext g = ctx("command", "/usr/bin/id -g", "group", "nogroup");
        driver.run(g);
        assertEquals("65534", g.lines("info").get(1), g.log().toString());
    }

    @Test
    void badSettingsFailBeforeAnythingRuns() {
        assertEquals("user nosuchuser-om does not exist", assertThrows(ActionException.class,
                () -> driver.run(ctx("command", "/bin/true", "user", "nosuchuser-om"))).getMessage());
        assertEquals("task#0.command is not set",
                assertThrows(ActionException.class, () -> driver.run(ctx())).getMessage());
        assertEquals("invalid max_parallel '0': expected a positive integer", assertThrows(ActionException.class,
                () -> driver.run(ctx("command", "/bin/true", "max_parallel", "0"))).getMessage());
        assertEquals("cwd /nonexistent-om is not a directory", assertThrows(ActionException.class,
                () -> driver.run(ctx("command", "/bin/true", "cwd", "/nonexistent-om"))).getMessage());
        assertEquals("invalid check 'always': expected last_run or last_run_warn", assertThrows(ActionException.class,
                () -> driver.run(ctx("command", "/bin/true", "check", "always"))).getMessage());
        FakeContext missing = ctx("command", "/nonexistent-om", "check", "last_run");
        assertTrue(assertThrows(ActionException.class, () -> driver.run(missing)).getMessage()
                .startsWith("run failed: cannot run '/nonexistent-om'"));
        assertTrue(driver.status(missing).log().get(0).message().startsWith("last run failed (could not run: "));
    }

    @Test
    void dryRunOnlyLogsTheCommand() throws Exception {
        FakeContext c = ctx("command", "/bin/echo hi");
        c.options(new ActionOptions(false, true, false, List.of(), null, List.of(), null));
        driver.run(c);
        assertEquals(List.of("info exec /bin/echo hi as user root"), c.log());
        assertFalse(Files.exists(c.varDir().resolve("last_run")));
    }

    @Test
    void startAndStopDoNothing() throws Exception {
        Path marker = tmp.resolve("m");
        FakeContext c = ctx("command", "/usr/bin/touch " + marker);
        driver.start(c);
        driver.stop(c);
        assertFalse(Files.exists(marker));
        assertTrue(c.log().isEmpty());
    }

    @Test
    void keywordTableCoversTheSpec() {
        List<String> names = TaskKeywords.all().stream().map(k -> k.name()).toList();
        assertEquals(List.of("command", "user", "group", "cwd", "environment", "schedule", "check", "confirmation",
                "log", "max_parallel", "on_error", "retcodes", "run_timeout", "timeout"), names);
        assertTrue(TaskKeywords.all().get(0).required());
        assertEquals(List.of("last_run", "last_run_warn"), TaskKeywords.all().get(6).candidates());
    }
}
