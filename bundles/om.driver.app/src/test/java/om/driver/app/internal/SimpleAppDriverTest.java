package om.driver.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import om.api.driver.ActionException;
import om.api.status.Status;
import om.testkit.FakeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleAppDriverTest {
    private final SimpleAppDriver driver = new SimpleAppDriver();
    @TempDir
    Path var;

    /** Resource app#0 of svc1, values exactly as written: these tests pin what the driver does without defaults. */
    private FakeContext ctx(String... keyValues) {
        return FakeContext.builder().rid("app#0").varDir(var).keywords(AppKeywords.all()).literalValues()
                .values(keyValues).build();
    }

    @AfterEach
    void killLeftovers() {
        PidFile.read(var.resolve("pid")).flatMap(PidFile::live).ifPresent(s -> {
            ProcStat.groupMembers(s.pgrp()).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        });
    }

    @Test
    void identity() {
        assertEquals("app.simple", driver.id());
        assertEquals(AppKeywords.all(), driver.keywords());
    }

    @Test
    void startStatusStop() throws Exception {
        FakeContext ctx = ctx("start", "/bin/sleep 60");
        assertEquals(Status.DOWN, driver.status(ctx).status());

        driver.start(ctx);
        assertEquals("exec /bin/sleep 60 as user " + System.getProperty("user.name"), ctx.lines("info").get(0));
        PidFile pf = PidFile.read(var.resolve("pid")).orElseThrow();
        List<String> content = Files.readAllLines(var.resolve("pid"));
        assertEquals(List.of(Long.toString(pf.pid()), Long.toString(pf.startTime())), content);
        ProcStat st = ProcStat.read(pf.pid()).orElseThrow();
        assertEquals(pf.startTime(), st.startTime());
        assertEquals(pf.pid(), st.pgrp(), "the service leads its own process group");
        assertTrue(ProcessHandle.of(pf.pid()).orElseThrow().info().command().orElse("").endsWith("sleep"));
        assertEquals(Status.UP, driver.status(ctx).status());

        driver.stop(ctx);
        assertTrue(ctx.lines("info").contains("send SIGTERM to process group " + pf.pid()), ctx.log().toString());
        assertTrue(ProcStat.read(pf.pid()).filter(ProcStat::alive).isEmpty(), "process gone");
        assertFalse(Files.exists(var.resolve("pid")));
        assertEquals(Status.DOWN, driver.status(ctx).status());
    }

    @Test
    void outputGoesToOutputLogNotActionLog() throws Exception {
        FakeContext ctx = ctx("start", "sh -c 'echo hello; echo oops >&2; exec sleep 60'",
                "environment", "WHO=world");
        driver.start(ctx);
        Path out = var.resolve("output.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!(Files.exists(out) && Files.readString(out).contains("oops")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("hello\noops\n", Files.readString(out));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out)), "the output may hold secrets: private like the configs");
        assertFalse(ctx.log().stream().anyMatch(l -> l.endsWith(" hello") || l.endsWith(" oops")),
                ctx.log().toString());
        driver.stop(ctx);
    }

    @Test
    void stopEscalatesToSigkill() throws Exception {
        FakeContext ctx = ctx("start", "sh -c 'trap \"\" TERM; sleep 60'", "stop_timeout", "1s");
        driver.start(ctx);
        PidFile pf = PidFile.read(var.resolve("pid")).orElseThrow();
        Thread.sleep(200); // let sh install its trap and fork sleep
        long t0 = System.nanoTime();
        driver.stop(ctx);
        long took = System.nanoTime() - t0;
        assertTrue(took >= Duration.ofMillis(900).toNanos(), "waited the stop timeout before SIGKILL");
        assertTrue(ctx.lines("warn").contains("process group " + pf.pid() + " still running after 1s, send SIGKILL"),
                ctx.log().toString());
        assertTrue(ProcStat.groupMembers(pf.pid()).isEmpty(), "whole group gone");
        assertEquals(Status.DOWN, driver.status(ctx).status());
    }

    @Test
    void stopCommandIsUsedWhenSet() throws Exception {
        FakeContext ctx = ctx("start", "/bin/sleep 60");
        driver.start(ctx);
        PidFile pf = PidFile.read(var.resolve("pid")).orElseThrow();
        ctx.set("stop", "/usr/bin/kill -TERM " + pf.pid());
        driver.stop(ctx);
        assertTrue(ctx.lines("info").contains("exec /usr/bin/kill -TERM " + pf.pid() + " as user "
                + System.getProperty("user.name")), ctx.log().toString());
        assertFalse(ctx.log().stream().anyMatch(l -> l.contains("send SIGTERM")), ctx.log().toString());
        assertTrue(pf.live().isEmpty());
        assertFalse(Files.exists(var.resolve("pid")));
    }

    @Test
    void checkCommandWinsOverThePid() throws Exception {
        FakeContext ctx = ctx("start", "/bin/sleep 60", "check", "/bin/false");
        driver.start(ctx);
        assertEquals(Status.DOWN, driver.status(ctx).status());
        ctx.set("check", "/bin/true");
        assertEquals(Status.UP, driver.status(ctx).status());
        driver.stop(ctx);
    }

    @Test
    void recycledPidIsNotTakenForTheService() throws Exception {
        ProcStat self = ProcStat.read(ProcessHandle.current().pid()).orElseThrow();
        new PidFile(self.pid(), self.startTime() + 1).write(var.resolve("pid"));
        FakeContext ctx = ctx("start", "/bin/sleep 60");
        assertEquals(Status.DOWN, driver.status(ctx).status());
        new PidFile(self.pid(), self.startTime()).write(var.resolve("pid"));
        assertEquals(Status.UP, driver.status(ctx).status());
        Files.delete(var.resolve("pid"));
    }

    @Test
    void serviceDyingAtOnceFailsTheStart() {
        FakeContext ctx = ctx("start", "sh -c 'echo cannot bind >&2; exit 4'");
        ActionException e = assertThrows(ActionException.class, () -> driver.start(ctx));
        assertTrue(e.getMessage().startsWith("start failed with ret 4"), e.getMessage());
        assertFalse(Files.exists(var.resolve("pid")));
        assertEquals(Status.DOWN, driver.status(ctx).status());
    }

    @Test
    void missingProgram() {
        FakeContext ctx = ctx("start", "/opt/nothing/here --serve");
        assertEquals("/opt/nothing/here: not found",
                assertThrows(ActionException.class, () -> driver.start(ctx)).getMessage());
    }

    @Test
    void stopWithoutPidFileDoesNothing() throws Exception {
        FakeContext ctx = ctx("start", "/bin/sleep 60");
        driver.stop(ctx);
        assertEquals(List.of(), ctx.log());
        assertEquals(Optional.empty(), PidFile.read(var.resolve("pid")));
    }
}
