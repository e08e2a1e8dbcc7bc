package om.core.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import om.api.status.InstanceStatus;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import om.core.internal.driver.DriverRegistryImpl;
import om.core.internal.driver.FakeConfig;
import om.core.internal.driver.FakeDriver;
import om.core.internal.driver.FakeInstallation;
import om.core.internal.driver.FakeStore;
import om.core.internal.exec.ProcessExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceStatusEvaluatorTest {
    @TempDir
    Path root;
    private FakeInstallation inst;
    private FakeStore store;
    private DriverRegistryImpl drivers;
    private FakeDriver app;
    private FakeDriver fs;
    private InstanceStatusEvaluator evaluator;

    @BeforeEach
    void setUp() {
        inst = new FakeInstallation(root, "n1");
        store = new FakeStore(inst);
        drivers = new DriverRegistryImpl();
        app = new FakeDriver("app", "forking");
        fs = new FakeDriver("fs", "flag", app.journal());
        drivers.addDriver(app);
        drivers.addDriver(fs);
        evaluator = new InstanceStatusEvaluator(drivers, inst, new ProcessExecutor());
    }

    private InstanceStatus eval(FakeConfig cfg) {
        return evaluator.evaluate(cfg).status();
    }

    @Test
    void disabledAndNostatusAreNotCheckedAndNeutral() {
        FakeConfig cfg = store.create("web1").section("app#0").set("app#1", "disable", "true")
                .set("app#2", "tags", "web nostatus");
        app.states.put("app#0", Status.UP);
        app.states.put("app#1", Status.DOWN);
        app.states.put("app#2", Status.DOWN);
        InstanceStatus s = eval(cfg);
        assertEquals(Status.NA, s.resources().get("app#1").status());
        assertEquals(Status.NA, s.resources().get("app#2").status());
        assertTrue(s.resources().get("app#1").disable());
        assertEquals(List.of("status app#0"), app.journal());
        assertEquals(Status.UP, s.avail());
        assertEquals(Status.UP, s.overall());
        assertEquals("fake app#1", s.resources().get("app#1").label());
    }

    @Test
    void missingDriverIsNaWithAWarningThatMakesOverallWarn() {
        FakeConfig cfg = store.create("web1").section("app#0").set("fs#0", "type", "ext4");
        app.states.put("app#0", Status.UP);
        InstanceStatus s = eval(cfg);
        ResourceStatus r = s.resources().get("fs#0");
        assertEquals(Status.NA, r.status());
        assertEquals(List.of(LogEntry.warn("driver fs.ext4 is not available")), r.log());
        assertEquals("fs.ext4", r.label());
        assertEquals("fs.ext4", r.type());
        assertEquals(Status.UP, s.avail());
        assertEquals(Status.WARN, s.overall());
    }

    @Test
    void standbyMapsUpAndDown() {
        FakeConfig cfg = store.create("web1").set("app#0", "standby", "true").set("app#1", "standby", "yes")
                .section("app#2");
        app.states.put("app#0", Status.UP);
        app.states.put("app#1", Status.DOWN);
        app.states.put("app#2", Status.UP);
        InstanceStatus s = eval(cfg);
        assertEquals(Status.STDBY_UP, s.resources().get("app#0").status());
        assertEquals(Status.STDBY_DOWN, s.resources().get("app#1").status());
        assertTrue(s.resources().get("app#0").standby());
        // up + stdby up = up; then + stdby down = warn
        assertEquals(Status.WARN, s.avail());
    }

    @Test
    void upWithStandbyUpIsUpAndUpWithDownIsWarn() {
        FakeConfig cfg = store.create("web1").set("app#0", "standby", "true").section("app#1");
        app.states.put("app#0", Status.UP);
        app.states.put("app#1", Status.UP);
        assertEquals(Status.UP, eval(cfg).avail());
        app.states.put("app#1", Status.DOWN);
        InstanceStatus s = eval(cfg);
        assertEquals(Status.STDBY_UP, s.avail());
        cfg.set("app#0", "standby", "false");
        assertEquals(Status.WARN, eval(cfg).avail());
    }

    @Test
    void aSlowCheckIsUndefWithStatusTimeout() {
        FakeConfig cfg = store.create("web1").section("app#0").set("DEFAULT", "status_timeout", "200ms");
        app.statusDelay = Duration.ofSeconds(3);
        long t0 = System.nanoTime();
        InstanceStatus s = eval(cfg);
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(2)) < 0);
        assertEquals(Status.UNDEF, s.resources().get("app#0").status());
        assertEquals(List.of(LogEntry.error("status timeout")), s.resources().get("app#0").log());
        assertEquals(Status.NA, s.avail());
        assertEquals(Status.WARN, s.overall());
    }

    @Test
    void aDriverExceptionIsUndefWithItsMessage() {
        FakeConfig cfg = store.create("web1").section("app#0");
        app.statusError = new IllegalStateException("boom");
        ResourceStatus r = eval(cfg).resources().get("app#0");
        assertEquals(Status.UNDEF, r.status());
        assertEquals(List.of(LogEntry.error("boom")), r.log());
    }

    @Test
    void optionalSyncAndTaskStayOutOfAvail() {
        FakeDriver task = new FakeDriver("task", "host", app.journal());
        drivers.addDriver(task);
        FakeConfig cfg = store.create("web1").section("app#0").set("app#1", "optional", "true")
                .set("app#2", "tags", "noaction").section("task#backup");
        app.states.put("app#0", Status.UP);
        app.states.put("app#1", Status.DOWN);
        app.states.put("app#2", Status.DOWN);
        task.states.put("task#backup", Status.DOWN);
        InstanceStatus s = eval(cfg);
        assertEquals(Status.UP, s.avail());
        assertEquals(Status.DOWN, s.optional());
        assertEquals(Status.WARN, s.overall());
        assertTrue(s.resources().get("app#1").optional());
        assertTrue(s.resources().get("app#2").optional());
        assertFalse(s.resources().get("app#0").optional());
    }

    @Test
    void warnEntriesMakeOverallWarnOnly() {
        FakeConfig cfg = store.create("web1").section("app#0");
        app.states.put("app#0", Status.UP);
        app.checkLog.put("app#0", List.of(LogEntry.warn("slow")));
        InstanceStatus s = eval(cfg);
        assertEquals(Status.UP, s.avail());
        assertEquals(Status.WARN, s.overall());
        app.checkLog.put("app#0", List.of(LogEntry.info("fine")));
        assertEquals(Status.UP, eval(cfg).overall());
    }

    @Test
    void noResourcesIsNaEverywhere() {
        InstanceStatus s = eval(store.create("web1"));
        assertEquals(Status.NA, s.avail());
        assertEquals(Status.NA, s.overall());
        assertEquals(Status.NA, s.optional());
        assertTrue(s.resources().isEmpty());
    }

    @Test
    void resourcesAreInDisplayOrder() {
        FakeConfig cfg = store.create("web1").section("app#10").section("app#9").set("app#1", "subset", "s")
                .set("fs#b", "type", "flag").set("fs#a", "type", "flag");
        fs.sortKeys.put("fs#a", "/srv/z");
        fs.sortKeys.put("fs#b", "/srv/a");
        assertEquals(List.of("fs#b", "fs#a", "app#9", "app#10", "app#1"),
                List.copyOf(eval(cfg).resources().keySet()));
    }

    @Test
    void instanceFieldsComeFromConfigAndFlagFiles() throws Exception {
        FakeConfig cfg = store.create("ns1/svc/web").set("DEFAULT", "topology", "flex")
                .set("DEFAULT", "orchestrate", "ha").set("DEFAULT", "priority", "10")
                .set("app#0", "restart", "3").set("app#0", "monitor", "true").set("app#0", "subset", "g")
                .set("app#0", "tags", "a b");
        InstanceStatus s = eval(cfg);
        assertEquals("ns1/svc/web", s.path());
        assertEquals("n1", s.node());
        assertEquals("svc", s.kind());
        assertEquals("flex", s.topology());
        assertEquals("ha", s.orchestrate());
        assertEquals(10, s.priority());
        assertFalse(s.frozen());
        assertNull(s.frozenAt());
        assertNull(s.lastStartedAt());
        assertEquals("true", s.provisioned());
        ResourceStatus r = s.resources().get("app#0");
        assertEquals(3, r.restart());
        assertEquals(3, r.restartRemaining());
        assertEquals(".M.....3", r.flags());
        assertEquals("g", r.subset());
        assertEquals(List.of("a", "b"), r.tags());
        assertEquals("app.forking", r.type());
        Path vardir = inst.varDir(cfg.path());
        Files.createDirectories(vardir);
        Files.createFile(vardir.resolve("frozen"));
        Files.createFile(vardir.resolve("last_start"));
        s = eval(cfg);
        assertTrue(s.frozen());
        assertEquals(Files.getLastModifiedTime(vardir.resolve("frozen")).toInstant(), s.frozenAt());
        assertEquals(Files.getLastModifiedTime(vardir.resolve("last_start")).toInstant(), s.lastStartedAt());
    }

    @Test
    void checksWaitingForAPoolThreadDoNotTimeOut() throws Exception {
        // twice as many concurrent evaluations as pool threads, each check taking most of the timeout: the second
        // wave waits its turn, its timeout counts from its own start
        app.statusDelay = java.time.Duration.ofMillis(2000);
        int n = CheckPool.MAX * 2;
        java.util.List<java.util.concurrent.CompletableFuture<InstanceStatus>> all = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            FakeConfig cfg = store.create("o" + i).set("DEFAULT", "status_timeout", "3s").section("app#0");
            app.states.put("app#0", Status.UP);
            all.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> eval(cfg),
                    java.util.concurrent.Executors.newSingleThreadExecutor()));
        }
        for (java.util.concurrent.CompletableFuture<InstanceStatus> f : all) {
            InstanceStatus st = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(Status.UP, st.resources().get("app#0").status(), st.resources().get("app#0").log()
                    .toString());
        }
    }
}
