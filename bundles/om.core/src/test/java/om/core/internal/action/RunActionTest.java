package om.core.internal.action;

import static om.core.internal.action.EngineFixture.opts;
import static om.core.internal.action.EngineFixture.rids;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.Status;
import om.core.internal.status.StatusServiceImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunActionTest {
    @TempDir
    Path root;
    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(root);
    }

    @Test
    void runRunsEveryTaskInRidOrderAndNothingElse() {
        f.web1().section("task#10").section("task#2");
        ActionResult r = f.run("run", ActionOptions.defaults());
        assertTrue(r.ok(), r.error());
        assertEquals(List.of("task#0", "task#2", "task#10"), f.calls("run"));
        assertEquals(List.of(), f.calls("start"));
        assertTrue(f.log.has("task#2", Level.INFO, "ran task#2"));
    }

    @Test
    void ridSelectsTasksAndANonTaskRidIsAnError() {
        f.web1().section("task#1");
        assertTrue(f.run("run", rids("task#1")).ok());
        assertEquals(List.of("task#1"), f.calls("run"));
        OmException e = assertThrows(OmException.class, () -> f.run("run", rids("task#0", "app#0")));
        assertEquals("web1: app#0 is not a task resource, only tasks run", e.getMessage());
        assertThrows(OmException.class, () -> f.run("run", rids("task#9")));
        f.journal.clear();
        f.web1().set("task#1", "tags", "nightly");
        assertTrue(f.run("run", opts(false, false, false, List.of(), "nightly", List.of())).ok());
        assertEquals(List.of("task#1"), f.calls("run"));
    }

    @Test
    void everyTaskRunsAndTheActionFailsIfOneDid() {
        f.web1().section("task#1").section("task#2");
        f.driver("task").failRun.add("task#0");
        f.driver("task").failRun.add("task#2");
        ActionResult r = f.run("run", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals(List.of("task#0", "task#1", "task#2"), f.calls("run"));
        assertEquals("task#0: run of task#0 failed on purpose; task#2: run of task#2 failed on purpose", r.error());
        assertTrue(f.log.has("task#2", Level.ERROR, "run of task#2 failed on purpose"));
    }

    @Test
    void runTakesNoObjectLock() throws Exception {
        f.web1();
        ObjectLocks other = new ObjectLocks();
        try (ObjectLocks.Held held = other.acquire(f.inst.varDir(ObjectPath.parse("web1"))
                .resolve(ActionEngineImpl.LOCK_FILE), "web1", "stop", UUID.randomUUID().toString(),
                Duration.ofSeconds(1))) {
            ActionOptions quick = new ActionOptions(false, false, false, List.of(), null, List.of(),
                    Duration.ofMillis(200));
            assertTrue(f.run("run", quick).ok());
            assertThrows(OmException.class, () -> f.run("start", quick), "start does wait for the lock");
        }
    }

    @Test
    void aRunningTaskShowsInTheStatusOfOtherReaders() throws Exception {
        f.web1();
        f.driver("task").runDelay = Duration.ofMillis(1500);
        StatusServiceImpl reader = StatusServiceImpl.withExecutor(f.store, f.drivers, f.inst,
                new om.core.internal.exec.ProcessExecutor());
        CompletableFuture<ActionResult> run = CompletableFuture.supplyAsync(() -> f.run("run", ActionOptions.defaults()));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (f.calls("run").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        InstanceStatus during = reader.get(ObjectPath.parse("web1"));
        assertEquals(List.of("task#0"), during.running());
        assertEquals('R', during.resources().get("task#0").flags().charAt(0));
        ActionResult r = run.get();
        assertTrue(r.ok());
        assertEquals(List.of(), r.status().running());
        assertEquals(List.of(), reader.get(ObjectPath.parse("web1")).running());
    }

    @Test
    void runRequiresIsChecked() {
        f.web1().set("task#0", "run_requires", "app#0(up)");
        ActionResult r = f.run("run", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals("task#0: requires app#0(up) not met: app#0 is down", r.error());
        assertEquals(List.of(), f.calls("run"));
        f.driver("app").states.put("app#0", Status.UP);
        assertTrue(f.run("run", ActionOptions.defaults()).ok());
    }

    @Test
    void withoutTasksThereIsNothingToRun() {
        f.store.create("web1").section("app#0");
        assertEquals("web1: no task resource to run",
                assertThrows(OmException.class, () -> f.run("run", ActionOptions.defaults())).getMessage());
    }
}
