package om.core.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.status.InstanceStatus;
import om.api.status.LogEntry;
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

class StatusServiceImplTest {
    @TempDir
    Path root;
    private FakeInstallation inst;
    private FakeStore store;
    private DriverRegistryImpl drivers;
    private FakeDriver app;
    private StatusServiceImpl service;
    private final ObjectPath web1 = ObjectPath.parse("web1");

    @BeforeEach
    void setUp() {
        inst = new FakeInstallation(root, "n1");
        store = new FakeStore(inst);
        drivers = new DriverRegistryImpl();
        app = new FakeDriver("app", "forking");
        drivers.addDriver(app);
        service = StatusServiceImpl.withExecutor(store, drivers, inst, new ProcessExecutor());
    }

    private long checks() {
        return app.journal().stream().filter(l -> l.startsWith("status ")).count();
    }

    /**
     * Issue 8 item 5: the daemon now evaluates on a schedule, also while an action runs; an evaluation that started
     * before the action's final one and ends after it must not replace its result in the cache.
     */
    @Test
    void anOvertakenEvaluationDoesNotReplaceANewerOne() throws Exception {
        java.util.concurrent.CountDownLatch slowStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        om.api.driver.ResourceDriver gated = new om.api.driver.ResourceDriver() {
            @Override
            public String group() {
                return "app";
            }

            @Override
            public String type() {
                return "simple";
            }

            @Override
            public List<om.api.config.Keyword> keywords() {
                return List.of();
            }

            @Override
            public String label(om.api.driver.ResourceContext ctx) {
                return "gated";
            }

            @Override
            public om.api.driver.CheckResult status(om.api.driver.ResourceContext ctx) {
                if (calls.incrementAndGet() == 1) {
                    // the slow, older evaluation: it saw the app down before the start
                    slowStarted.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new om.api.driver.CheckResult(Status.DOWN, List.of());
                }
                return new om.api.driver.CheckResult(Status.UP, List.of());
            }

            @Override
            public void start(om.api.driver.ResourceContext ctx) {
            }

            @Override
            public void stop(om.api.driver.ResourceContext ctx) {
            }
        };
        drivers.addDriver(gated);
        store.create("web1").set("app#0", "type", "simple");
        java.util.concurrent.CompletableFuture<InstanceStatus> slow =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> service.refresh(web1));
        slowStarted.await();
        assertEquals(Status.UP, service.refresh(web1).avail());
        release.countDown();
        assertEquals(Status.DOWN, slow.get().avail(), "the caller still gets what it evaluated");
        assertEquals(Status.UP, service.get(web1).avail());
        assertEquals(Status.UP, StatusServiceImpl.withExecutor(store, drivers, inst, new ProcessExecutor())
                .get(web1).avail(), "the cache file holds the newer evaluation");
    }

    @Test
    void getEvaluatesOnceThenServesTheCache() {
        store.create("web1").section("app#0");
        app.states.put("app#0", Status.UP);
        InstanceStatus first = service.get(web1);
        assertEquals(Status.UP, first.avail());
        assertTrue(Files.exists(inst.varDir(web1).resolve("status.json")));
        app.states.put("app#0", Status.DOWN);
        assertEquals(Status.UP, service.get(web1).avail());
        assertEquals(1, checks());
        assertEquals(Status.DOWN, service.refresh(web1).avail());
        assertEquals(Status.DOWN, service.get(web1).avail());
        assertEquals(2, checks());
    }

    @Test
    void theFileCacheSurvivesANewServiceAndKeepsEveryField() {
        store.create("web1").set("app#0", "tags", "a b").set("app#0", "subset", "s").set("app#0", "restart", "2")
                .set("app#1", "disable", "true");
        app.states.put("app#0", Status.UP);
        app.checkLog.put("app#0", List.of(LogEntry.warn("hmm"), LogEntry.info("ok")));
        InstanceStatus first = service.refresh(web1);
        StatusServiceImpl other = StatusServiceImpl.withExecutor(store, drivers, inst, new ProcessExecutor());
        InstanceStatus again = other.get(web1);
        assertEquals(1, checks());
        assertEquals(first, again);
    }

    @Test
    void aDriverArrivingOrLeavingInvalidatesTheCache() {
        store.create("web1").section("app#0").set("fs#0", "type", "flag");
        app.states.put("app#0", Status.UP);
        InstanceStatus s = service.get(web1);
        assertEquals(List.of(LogEntry.warn("driver fs.flag is not available")), s.resources().get("fs#0").log());
        FakeDriver fs = new FakeDriver("fs", "flag", app.journal());
        fs.states.put("fs#0", Status.UP);
        drivers.addDriver(fs);
        s = service.get(web1);
        assertEquals(Status.UP, s.resources().get("fs#0").status());
        assertEquals(Status.UP, s.overall());
        assertSame(s, service.get(web1));
        drivers.removeDriver(fs);
        s = service.get(web1);
        assertEquals(Status.NA, s.resources().get("fs#0").status());
        // an unrelated driver does not invalidate
        drivers.addDriver(new FakeDriver("ip", "host"));
        assertSame(s, service.get(web1));
    }

    @Test
    void aNewerConfigInvalidatesTheCache() throws Exception {
        FakeConfig cfg = store.create("web1").section("app#0");
        InstanceStatus s = service.get(web1);
        assertSame(s, service.get(web1));
        cfg.set("app#1", "disable", "true");
        Files.setLastModifiedTime(cfg.file(), FileTime.from(Instant.now().plusSeconds(5)));
        InstanceStatus again = service.get(web1);
        assertNotSame(s, again);
        assertTrue(again.resources().containsKey("app#1"));
    }

    @Test
    void aStatusFileWrittenByAnotherProcessIsReadAgain() {
        store.create("web1").section("app#0");
        app.states.put("app#0", Status.UP);
        service.get(web1);
        app.states.put("app#0", Status.DOWN);
        StatusServiceImpl.withExecutor(store, drivers, inst, new ProcessExecutor()).refresh(web1);
        assertEquals(Status.DOWN, service.get(web1).avail());
    }

    @Test
    void aCorruptCacheIsEvaluatedAgain() throws Exception {
        store.create("web1").section("app#0");
        Path file = inst.varDir(web1).resolve("status.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{not json");
        service.get(web1);
        assertEquals(1, checks());
        assertTrue(Files.readString(file).contains("\"app#0\""));
    }

    @Test
    void frozenFlagIsFreshEvenFromTheCache() throws Exception {
        store.create("web1").section("app#0");
        assertEquals(false, service.get(web1).frozen());
        Files.createFile(inst.varDir(web1).resolve("frozen"));
        InstanceStatus s = service.get(web1);
        assertTrue(s.frozen());
        assertEquals(1, checks());
    }

    /** The daemon's restart counter (InstanceFlags.restartsUsed) shows as restart_remaining, cached or not. */
    @Test
    void theRestartsLeftAreTheDaemonsCountFreshEvenFromTheCache() {
        store.create("web1").set("app#0", "restart", "3");
        InstanceFlagsImpl flags = new InstanceFlagsImpl(inst);
        assertEquals(3, service.get(web1).resources().get("app#0").restartRemaining());
        flags.setRestartsUsed(web1, "app#0", 2);
        assertEquals(1, service.get(web1).resources().get("app#0").restartRemaining());
        assertEquals(1, service.refresh(web1).resources().get("app#0").restartRemaining());
        flags.setRestartsUsed(web1, "app#0", 5);
        assertEquals(0, service.get(web1).resources().get("app#0").restartRemaining());
        flags.setRestartsUsed(web1, "app#0", 0);
        assertEquals(3, service.get(web1).resources().get("app#0").restartRemaining());
        assertEquals(0, flags.restartsUsed(web1, "app#0"));
        assertEquals(2, checks(), "served from the cache but for the refresh");
    }

    @Test
    void aMissingObjectIsAnError() {
        OmException e = assertThrows(OmException.class, () -> service.get(ObjectPath.parse("ns1/svc/nope")));
        assertEquals("ns1/svc/nope: object not found", e.getMessage());
        assertThrows(OmException.class, () -> service.refresh(ObjectPath.parse("nope")));
    }
}
