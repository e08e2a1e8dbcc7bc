package om.driver.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.status.LogEntry;
import om.api.status.Status;
import om.testkit.FakeContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkingAppDriverTest {
    private static final String DONE = "(start|stop) done in \\d+:\\d\\d:\\d\\d\\.\\d{6} - ret \\d+";

    private static final String ME = System.getProperty("user.name");

    private final ForkingAppDriver driver = new ForkingAppDriver();
    @TempDir
    Path var;

    /** Resource app#0 of svc1, values exactly as written: these tests pin what the driver does without defaults. */
    private FakeContext ctx(String... keyValues) {
        return FakeContext.builder().rid("app#0").varDir(var).keywords(AppKeywords.all()).literalValues()
                .values(keyValues).build();
    }

    @Test
    void identity() {
        assertEquals("app", driver.group());
        assertEquals("forking", driver.type());
        assertEquals("app.forking", driver.id());
        assertEquals(AppKeywords.all(), driver.keywords());
    }

    @Test
    void startWithScriptTrueLogsLikeOpenSvc() throws Exception {
        FakeContext ctx = ctx("script", "/bin/true", "start", "true");
        driver.start(ctx);
        List<String> info = ctx.lines("info");
        assertEquals(2, info.size(), ctx.log().toString());
        assertEquals("exec /bin/true start as user " + ME, info.get(0));
        assertTrue(info.get(1).matches(DONE) && info.get(1).startsWith("start done in ")
                && info.get(1).endsWith(" - ret 0"), info.get(1));
        assertEquals(List.of("/bin/true", "start"), ctx.execs().get(0).argv());
        assertTrue(ctx.execs().get(0).logOutput());
    }

    @Test
    void stopRunsTheStopCommand() throws Exception {
        FakeContext ctx = ctx("stop", "/bin/echo 'stopping now'");
        driver.stop(ctx);
        assertEquals(List.of("exec /bin/echo 'stopping now' as user " + ME, "stopping now"),
                ctx.lines("info").subList(0, 2));
        assertTrue(ctx.lines("info").get(2).matches(DONE));
    }

    @Test
    void failingStartThrowsWithTheCode() {
        FakeContext ctx = ctx("start", "/bin/false");
        ActionException e = assertThrows(ActionException.class, () -> driver.start(ctx));
        assertEquals("start failed with ret 1", e.getMessage());
        assertTrue(ctx.lines("info").get(1).endsWith(" - ret 1"));
    }

    @Test
    void unsetOrFalseStartDoesNothing() throws Exception {
        FakeContext ctx = ctx();
        driver.start(ctx);
        ctx.set("start", "false").set("stop", "FALSE");
        driver.start(ctx);
        driver.stop(ctx);
        assertEquals(List.of(), ctx.log());
        assertEquals(List.of(), ctx.execs());
    }

    @Test
    void trueWithoutScriptIsAnError() {
        FakeContext ctx = ctx("start", "true");
        ActionException e = assertThrows(ActionException.class, () -> driver.start(ctx));
        assertEquals("app#0.start is true but app#0.script is not set", e.getMessage());
    }

    @Test
    void missingProgramIsOneLine() {
        FakeContext ctx = ctx("start", "/nonexistent/webctl start");
        assertEquals("/nonexistent/webctl: not found",
                assertThrows(ActionException.class, () -> driver.start(ctx)).getMessage());
        ctx.set("start", "no-such-command-anywhere");
        assertEquals("no-such-command-anywhere: not found",
                assertThrows(ActionException.class, () -> driver.start(ctx)).getMessage());
    }

    @Test
    void nonExecutableProgramIsOneLine() throws Exception {
        Path f = Files.writeString(var.resolve("script.sh"), "#!/bin/sh\n");
        FakeContext ctx = ctx("start", f.toString());
        assertEquals(f + ": not executable",
                assertThrows(ActionException.class, () -> driver.start(ctx)).getMessage());
    }

    @Test
    void startTimesOut() {
        FakeContext ctx = ctx("start", "/bin/sleep 30", "start_timeout", "1s");
        long t0 = System.nanoTime();
        ActionException e = assertThrows(ActionException.class, () -> driver.start(ctx));
        assertEquals("start timed out after 1s", e.getMessage());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
    }

    @Test
    void statusFromCheckThroughRetcodes() {
        FakeContext ctx = ctx("check", "/bin/true");
        assertEquals(Status.UP, driver.status(ctx).status());
        assertTrue(!ctx.execs().get(0).logOutput());
        ctx.set("check", "/bin/false");
        assertEquals(Status.DOWN, driver.status(ctx).status());
        ctx.set("check", "sh -c 'exit 3'");
        assertEquals(Status.WARN, driver.status(ctx).status());
        ctx.set("retcodes", "0:down 1:up 3:n/a");
        assertEquals(Status.NA, driver.status(ctx).status());
        ctx.set("check", "/bin/false");
        assertEquals(Status.UP, driver.status(ctx).status());
        assertEquals(List.of(), ctx.log(), "a check never writes the action log");
    }

    @Test
    void noCheckIsNotApplicable() {
        FakeContext ctx = ctx("start", "/bin/true");
        assertEquals(CheckResult.of(Status.NA), driver.status(ctx));
        assertEquals(List.of(), ctx.execs());
    }

    @Test
    void statusLogTurnsOutputIntoEntries() {
        FakeContext ctx = ctx("check", "sh -c 'echo running; echo degraded >&2; exit 0'");
        assertEquals(List.of(), driver.status(ctx).log());
        ctx.set("status_log", "true");
        assertEquals(CheckResult.of(Status.UP, LogEntry.info("running"), LogEntry.warn("degraded")),
                driver.status(ctx));
    }

    @Test
    void checkTimeoutIsWarn() {
        FakeContext ctx = ctx("check", "/bin/sleep 30", "check_timeout", "1s");
        assertEquals(CheckResult.of(Status.WARN, LogEntry.warn("check timed out")), driver.status(ctx));
    }

    @Test
    void brokenCheckIsUndefWithReason() {
        FakeContext ctx = ctx("check", "/nonexistent/check");
        assertEquals(CheckResult.of(Status.UNDEF, LogEntry.error("/nonexistent/check: not found")),
                driver.status(ctx));
        ctx.set("check", "/bin/true").set("retcodes", "0:maybe");
        assertEquals(Status.UNDEF, driver.status(ctx).status());
    }

    @Test
    void labelShowsTheStartCommand() {
        assertEquals("forking app /usr/local/bin/webctl start",
                driver.label(ctx("start", "/usr/local/bin/webctl start")));
        assertEquals("forking app /usr/local/bin/webctl start",
                driver.label(ctx("start", "true", "script", "/usr/local/bin/webctl")));
        assertEquals("forking app", driver.label(ctx()));
        assertEquals("simple app sleep 60", new SimpleAppDriver().label(ctx("start", "sleep 60")));
    }

    @Test
    void environmentAndObjectIdentityReachTheCommand() throws Exception {
        FakeContext ctx = FakeContext.builder().path(ObjectPath.parse("prod/svc/web")).rid("app#web").varDir(var)
                .keywords(AppKeywords.all()).literalValues().values(
                "environment", "FOO=bar 'GREETING=hello world' OPENSVC_RID=fake",
                "start", "sh -c 'echo \"$FOO|$GREETING|$OPENSVC_RID|$OPENSVC_NAME|$OPENSVC_NAMESPACE|"
                        + "$OPENSVC_KIND|$OPENSVC_PATH\"'").build();
        driver.start(ctx);
        assertEquals("bar|hello world|app#web|web|prod|svc|prod/svc/web", ctx.lines("info").get(1));
    }

    @Test
    void badEnvironmentEntryIsRejected() {
        FakeContext ctx = ctx("environment", "NOEQUALS", "start", "/bin/true");
        assertEquals("app#0.environment: 'NOEQUALS' is not KEY=value",
                assertThrows(ActionException.class, () -> driver.start(ctx)).getMessage());
    }

    @Test
    void runsAsUserInCwdWithUmask() throws Exception {
        Files.setPosixFilePermissions(var, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        FakeContext ctx = ctx("user", "nobody", "umask", "077", "cwd", var.toString(),
                "start", "sh -c 'id -un; id -gn; pwd; touch made'");
        driver.start(ctx);
        List<String> info = ctx.lines("info");
        assertEquals("exec sh -c 'id -un; id -gn; pwd; touch made' as user nobody", info.get(0));
        assertEquals(List.of("nobody", "nogroup", var.toString()), info.subList(1, 4));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(var.resolve("made"))));
        assertEquals("nobody", Files.getOwner(var.resolve("made")).getName());
    }

    @Test
    void unknownUserIsOneLine() {
        FakeContext ctx = ctx("user", "no-such-user-here", "start", "/bin/true");
        assertEquals("user no-such-user-here does not exist",
                assertThrows(ActionException.class, () -> driver.start(ctx)).getMessage());
    }

    @Test
    void dryRunOnlyLogs() throws Exception {
        FakeContext ctx = ctx("start", "/bin/false");
        ctx.options(new ActionOptions(false, true, false, List.of(), null, List.of(), null));
        driver.start(ctx);
        assertEquals(List.of("info exec /bin/false as user " + ME), ctx.log());
        assertEquals(List.of(), ctx.execs());
    }
}
