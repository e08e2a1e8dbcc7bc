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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionBracket;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.api.status.LogEntry;
import om.api.status.Status;
import om.core.internal.driver.FakeConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync actions: where they run, what they lock, which resources they copy (heartbeats-and-daemon.md 8). */
class SyncActionTest {
    private static final ObjectPath WEB1 = ObjectPath.parse("web1");
    @TempDir
    Path root;
    private EngineFixture f;

    @BeforeEach
    void setUp() {
        f = new EngineFixture(root);
    }

    /** web1 with its avail resources up: the node holding the data. */
    private FakeConfig up() {
        FakeConfig c = f.web1();
        for (String g : List.of("ip", "disk", "fs", "share", "container", "app")) {
            f.driver(g).states.put(g + "#0", Status.UP);
        }
        f.driver("app").states.put("app#1", Status.UP);
        return c;
    }

    private List<String> brackets() {
        return f.log.events.stream().filter(ActionBracket::isBracket).map(LogEvent::message).toList();
    }

    @Test
    void syncCopiesEverySyncResourceInRidOrderWithTheTargetsOfTheVerb() {
        up().section("sync#10").section("sync#2");
        assertTrue(f.run("sync_nodes", ActionOptions.defaults()).ok());
        assertTrue(f.run("sync_drp", ActionOptions.defaults()).ok());
        assertTrue(f.run("sync_all", ActionOptions.defaults()).ok());
        assertEquals(List.of("sync#0 [nodes]", "sync#2 [nodes]", "sync#10 [nodes]", "sync#0 [drpnodes]",
                "sync#2 [drpnodes]", "sync#10 [drpnodes]", "sync#0 [drpnodes, nodes]", "sync#2 [drpnodes, nodes]",
                "sync#10 [drpnodes, nodes]"), f.calls("sync"));
        assertEquals(List.of(), f.calls("start"));
        assertEquals(List.of(), f.calls("run"));
    }

    @Test
    void theBracketsNameTheCommandWords() {
        up();
        ActionResult r = f.engine.run(new om.api.action.ActionRequest(WEB1, "sync_nodes", rids("sync#0"),
                ActionBracket.Origin.USER, List.of("--rid", "sync#0"), f.log, om.api.Cancellation.NONE, null));
        assertTrue(r.ok(), r.error());
        List<String> b = brackets();
        assertEquals("do sync nodes --rid sync#0 (origin user)", b.get(0));
        assertTrue(b.get(1).matches("done sync nodes in \\d:\\d\\d:\\d\\d\\.\\d{6}, instance status is now up"),
                b.get(1));
        assertTrue(f.log.has("sync#0", Level.INFO, "synced sync#0"));
    }

    @Test
    void whereTheInstanceIsNotUpTheSyncIsSkippedAndSucceeds() {
        f.web1();
        ActionResult r = f.run("sync_all", ActionOptions.defaults());
        assertTrue(r.ok(), r.error());
        assertEquals(List.of(), f.calls("sync"));
        assertTrue(f.log.has(null, Level.INFO, "skip: the instance is not up on this node"), f.log.lines().toString());
        f.driver("app").states.put("app#0", Status.UP);
        assertTrue(f.run("sync_all", ActionOptions.defaults()).ok());
        assertEquals(List.of(), f.calls("sync"), "avail warn (partly up) is not up");
    }

    @Test
    void oneFailingResourceDoesNotStopTheOthers() {
        up().section("sync#1").section("sync#2");
        f.driver("sync").failSync.add("sync#0");
        ActionResult r = f.run("sync_nodes", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals(List.of("sync#0 [nodes]", "sync#1 [nodes]", "sync#2 [nodes]"), f.calls("sync"));
        assertEquals("sync#0: sync of sync#0 failed on purpose", r.error());
        assertTrue(brackets().get(1).startsWith("failed sync nodes in "), brackets().toString());
    }

    @Test
    void filtersSelectSyncResourcesAndANonSyncRidIsAnError() {
        up().section("sync#1").set("sync#1", "tags", "nightly");
        assertTrue(f.run("sync_all", rids("sync#1")).ok());
        assertTrue(f.run("sync_all", opts(false, false, false, List.of(), "nightly", List.of())).ok());
        assertEquals(List.of("sync#1 [drpnodes, nodes]", "sync#1 [drpnodes, nodes]"), f.calls("sync"));
        OmException e = assertThrows(OmException.class, () -> f.run("sync_all", rids("sync#0", "app#0")));
        assertEquals("web1: app#0 is not a sync resource, only sync resources sync", e.getMessage());
        assertThrows(OmException.class, () -> f.run("sync_all", rids("sync#9")));
    }

    @Test
    void disabledSyncResourcesAreSkipped() {
        up().section("sync#1").set("sync#1", "disable", "true");
        assertTrue(f.run("sync_nodes", ActionOptions.defaults()).ok());
        assertEquals(List.of("sync#0 [nodes]"), f.calls("sync"));
    }

    @Test
    void withoutSyncResourcesThereIsNothingToDo() {
        f.store.create("web1").section("app#0");
        assertTrue(f.run("sync_all", ActionOptions.defaults()).ok());
        assertTrue(f.log.has(null, Level.INFO, "nothing to sync: no sync resource"));
    }

    @Test
    void syncRequiresAndBlockingTriggersApply() {
        up().set("sync#0", "sync_requires", "app#9(up)");
        ActionResult r = f.run("sync_nodes", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals("sync#0: requires app#9(up) not met: no resource app#9", r.error());
        f.web1().set("sync#0", "sync_requires", "").set("sync#0", "blocking_pre_sync", "/bin/false");
        r = f.run("sync_nodes", ActionOptions.defaults());
        assertFalse(r.ok());
        assertEquals("sync#0: blocking_pre_sync trigger failed: exit code 1", r.error());
        assertEquals(List.of(), f.calls("sync"));
        f.web1().set("sync#0", "blocking_pre_sync", "").set("sync#0", "post_sync", "/bin/false");
        assertTrue(f.run("sync_nodes", ActionOptions.defaults()).ok(), "a non-blocking trigger only warns");
        assertTrue(f.log.has("sync#0", Level.WARN, "post_sync trigger failed: exit code 1"));
    }

    @Test
    void aSyncHoldsTheSyncLockAndAStartRunsMeanwhile() throws Exception {
        up();
        CountDownLatch gate = new CountDownLatch(1);
        f.driver("sync").syncGate = gate;
        CompletableFuture<ActionResult> sync = CompletableFuture.supplyAsync(() -> f.run("sync_nodes",
                ActionOptions.defaults()));
        awaitSyncing();
        Path var = f.inst.varDir(WEB1);
        ObjectLocks other = new ObjectLocks();
        OmException held = assertThrows(OmException.class, () -> other.acquire(var.resolve("lock.generic.sync"),
                "web1", "test", UUID.randomUUID().toString(), Duration.ofMillis(200)).close());
        assertEquals("web1: timed out waiting for lock (held by sync nodes, pid " + ProcessHandle.current().pid()
                + ")", held.getMessage());
        f.driver("app").states.put("app#1", Status.DOWN);
        ActionResult start = f.run("start", new ActionOptions(false, false, false, List.of("app#1"), null, List.of(),
                Duration.ofMillis(500)));
        assertTrue(start.ok(), start.error());
        assertFalse(sync.isDone(), "the start did not wait for the sync");
        gate.countDown();
        assertTrue(sync.get(10, TimeUnit.SECONDS).ok());
        try (ObjectLocks.Held free = other.acquire(var.resolve("lock.generic.sync"), "web1", "test", "s",
                Duration.ofMillis(200))) {
            assertTrue(free != null, "released at the end");
        }
    }

    @Test
    void twoSyncsOfOneObjectSerialize() throws Exception {
        up();
        f.driver("sync").syncDelay = Duration.ofMillis(300);
        CompletableFuture<ActionResult> a = CompletableFuture.supplyAsync(() -> f.run("sync_nodes",
                ActionOptions.defaults()));
        CompletableFuture<ActionResult> b = CompletableFuture.supplyAsync(() -> f.run("sync_drp",
                ActionOptions.defaults()));
        assertTrue(a.get(10, TimeUnit.SECONDS).ok());
        assertTrue(b.get(10, TimeUnit.SECONDS).ok());
        assertEquals(2, f.calls("sync").size());
        assertEquals(1, f.driver("sync").maxSyncing.get(), "never two copies at once");
    }

    @Test
    void aSyncDoesNotWaitForTheActionLock() throws Exception {
        up();
        ObjectLocks other = new ObjectLocks();
        try (ObjectLocks.Held held = other.acquire(f.inst.varDir(WEB1).resolve(ActionEngineImpl.LOCK_FILE), "web1",
                "stop", UUID.randomUUID().toString(), Duration.ofSeconds(1))) {
            ActionOptions quick = new ActionOptions(false, false, false, List.of(), null, List.of(),
                    Duration.ofMillis(200));
            assertTrue(f.run("sync_nodes", quick).ok(), "the action lock is not the sync lock");
        }
    }

    @Test
    void syncResourcesOfAnInstanceNotUpShowNaWithoutEntries() {
        f.web1();
        f.driver("sync").states.put("sync#0", Status.WARN);
        f.driver("sync").checkLog.put("sync#0", List.of(LogEntry.warn("n2 never synced")));
        var st = f.engine.run(WEB1, "sync_all", ActionOptions.defaults(), f.log).status();
        assertEquals(Status.NA, st.resources().get("sync#0").status());
        assertEquals(List.of(), st.resources().get("sync#0").log());
        up();
        st = f.run("sync_all", ActionOptions.defaults()).status();
        assertEquals(Status.UP, st.avail());
        assertEquals(Status.WARN, st.resources().get("sync#0").status());
        assertEquals(Status.WARN, st.overall(), "sync counts in overall");
        assertEquals(Status.UP, st.avail(), "not in avail");
    }

    private void awaitSyncing() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (f.calls("sync").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(f.calls("sync").isEmpty(), "the sync began");
    }
}
