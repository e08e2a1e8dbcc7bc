package om.core.internal.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import om.api.action.ActionOptions;
import om.api.action.LogEvent;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.status.Level;
import om.core.internal.exec.ProcessExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceContextImplTest {
    @TempDir
    Path root;

    private ResourceContextImpl ctx(FakeConfig cfg, RecordingLog log) {
        return new ResourceContextImpl(cfg, "app#0", new FakeInstallation(root, "n1"), ActionOptions.defaults(),
                log, "start", new ProcessExecutor());
    }

    @Test
    void timeoutPrecedence() {
        FakeStore store = new FakeStore(new FakeInstallation(root, "n1"));
        FakeConfig cfg = store.create("web1").section("app#0");
        RecordingLog log = new RecordingLog();
        assertEquals(Duration.ofHours(1), ctx(cfg, log).timeout("start"));
        cfg.set("DEFAULT", "timeout", "2h");
        assertEquals(Duration.ofHours(2), ctx(cfg, log).timeout("start"));
        cfg.set("DEFAULT", "start_timeout", "3m");
        assertEquals(Duration.ofMinutes(3), ctx(cfg, log).timeout("start"));
        assertEquals(Duration.ofHours(2), ctx(cfg, log).timeout("stop"));
        cfg.set("app#0", "timeout", "40s");
        assertEquals(Duration.ofSeconds(40), ctx(cfg, log).timeout("start"));
        cfg.set("app#0", "start_timeout", "5s");
        assertEquals(Duration.ofSeconds(5), ctx(cfg, log).timeout("start"));
        assertEquals(Duration.ofSeconds(40), ctx(cfg, log).timeout("stop"));
    }

    @Test
    void driverKeywordDefaultCountsAsTheResourceOwnTimeout() {
        FakeStore store = new FakeStore(new FakeInstallation(root, "n1"));
        FakeConfig cfg = store.create("web1").section("app#0").set("DEFAULT", "start_timeout", "3m")
                .keywordDefault("app#0", "stop_timeout", "10s");
        assertEquals(Duration.ofSeconds(10), ctx(cfg, new RecordingLog()).timeout("stop"));
        assertEquals(Duration.ofMinutes(3), ctx(cfg, new RecordingLog()).timeout("start"));
    }

    @Test
    void varDirIsCreatedOnDemandAndLogLinesCarryTheResource() {
        FakeStore store = new FakeStore(new FakeInstallation(root, "n1"));
        FakeConfig cfg = store.create("ns1/svc/web").section("app#0");
        RecordingLog log = new RecordingLog();
        ResourceContextImpl c = ctx(cfg, log);
        Path dir = c.varDir();
        assertEquals(root.resolve("var/namespaces/ns1/svc/web/app#0"), dir);
        assertTrue(Files.isDirectory(dir));
        c.warn("careful");
        LogEvent e = log.events.get(0);
        assertEquals(Level.WARN, e.level());
        assertEquals("n1", e.node());
        assertEquals("ns1/svc/web", e.path());
        assertEquals("app#0", e.rid());
        assertEquals("start", e.action());
        assertEquals("careful", e.message());
    }

    @Test
    void execOutputGoesToTheLogWhenAsked() {
        FakeStore store = new FakeStore(new FakeInstallation(root, "n1"));
        FakeConfig cfg = store.create("web1").section("app#0");
        RecordingLog log = new RecordingLog();
        ExecResult r = ctx(cfg, log).exec(ExecRequest.of(List.of("sh", "-c", "echo out1; echo err1 >&2"),
                Duration.ofSeconds(10)));
        assertTrue(r.ok());
        assertTrue(log.has("app#0", Level.INFO, "out1"), log.lines().toString());
        assertTrue(log.has("app#0", Level.WARN, "err1"), log.lines().toString());
    }
}
