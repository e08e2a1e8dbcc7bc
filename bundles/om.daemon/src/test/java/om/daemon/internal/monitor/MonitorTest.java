package om.daemon.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.status.Status;
import om.daemon.internal.events.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorTest {
    @TempDir
    Path root;

    private Installation inst;
    private Fakes.Store store;
    private Fakes.Statuses statuses;
    private final Fakes.Settings settings = new Fakes.Settings("n1");
    private Fakes.Flags flags;
    private EventBus bus;
    private Monitor monitor;

    private Monitor start() {
        inst = inst == null ? Fakes.installation(root, "n1") : inst;
        bus = new EventBus("n1", Clock.systemUTC());
        monitor = new Monitor(inst, store, statuses, flags, settings, bus, new om.daemon.internal.cluster.Hub("n1", Clock.systemUTC(), System::nanoTime), Clock.systemUTC(), System::nanoTime,
                root.resolve("proc"), 2);
        monitor.start();
        return monitor;
    }

    private void setUp() {
        inst = Fakes.installation(root, "n1");
        store = new Fakes.Store(inst);
        statuses = new Fakes.Statuses(inst);
        flags = new Fakes.Flags(inst);
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.stop();
        }
    }

    private DaemonStatus await(Predicate<DaemonStatus> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        DaemonStatus s = monitor.snapshot();
        while (!done.test(s) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            s = monitor.snapshot();
        }
        assertTrue(done.test(s), "not reached in time: " + s);
        return s;
    }

    private static Status avail(DaemonStatus s, String path) {
        var o = s.objects().get(path);
        return o == null ? null : o.avail();
    }

    /** Issue 8 item 5: a cached status is evaluated again at daemon start (kill -9 left the cache wrong). */
    @Test
    void everyInstanceIsEvaluatedAgainAtStart() throws Exception {
        setUp();
        store.put("web", "nodes", "n1");
        statuses.set("web", Status.DOWN, false, "true");
        statuses.get(ObjectPath.parse("web"));          // the cache of a previous daemon says down
        statuses.set("web", Status.UP, false, "true");  // while the app is up
        int before = statuses.refreshes.get();
        start();
        DaemonStatus s = await(d -> avail(d, "web") == Status.UP);
        assertTrue(statuses.refreshes.get() > before);
        assertEquals("running", s.threads().get("scheduler").state());
        assertEquals("running", s.threads().get("monitor").state());
    }

    /**
     * A daemon started with no object publishes at once and then sees objects created later. The first wait was
     * computed from the "never published" mark and overflowed: the monitor slept for good.
     */
    @Test
    void aDaemonStartedWithNoObjectSeesTheFirstOneCreated() throws Exception {
        setUp();
        start();
        // the scheduler thread starts just after the monitor's: a first snapshot may show it stopped
        await(d -> "running".equals(d.threads().get("monitor").state())
                && "running".equals(d.threads().get("scheduler").state()));
        store.put("web", "nodes", "n1");
        statuses.set("web", Status.UP, false, "true");
        await(d -> avail(d, "web") == Status.UP);
    }

    /** The quorum watch's arbitrators go into the local node data (om mon's Arbitrators section), replaced whole. */
    @Test
    void theArbitratorsGivenAreInTheNodeData() throws Exception {
        setUp();
        start();
        monitor.set(java.util.Map.of("arbitrator#1", new om.api.daemon.ArbitratorStatus("a1", "up"),
                "arbitrator#2", new om.api.daemon.ArbitratorStatus("a2", "down")));
        await(d -> d.nodes().get("n1").arbitrators().size() == 2
                && "down".equals(d.nodes().get("n1").arbitrators().get("arbitrator#2").status()));
        monitor.set(java.util.Map.of());
        await(d -> d.nodes().get("n1").arbitrators().isEmpty());
    }

    /** A written evaluation (an action's) reaches the dataset at once, not at the next stamp scan (2 s). */
    @Test
    void aWrittenStatusIsInTheDatasetAtOnce() throws Exception {
        setUp();
        store.put("web", "nodes", "n1");
        statuses.set("web", Status.DOWN, false, "true");
        start();
        await(d -> avail(d, "web") == Status.DOWN);
        statuses.set("web", Status.UP, false, "true");
        statuses.refresh(ObjectPath.parse("web"));
        long t0 = System.nanoTime();
        monitor.statusWritten(ObjectPath.parse("web"));
        await(d -> avail(d, "web") == Status.UP);
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Monitor.SCAN) < 0,
                "followed the write, not the scan");
    }

    /** Issue 8 item 5: status_schedule re-evaluates periodically: a killed app shows down without any request. */
    @Test
    void statusScheduleCatchesAKilledApp() throws Exception {
        setUp();
        store.put("web", "nodes", "n1", "status_schedule", "@1s", "monitor_schedule", "@1s");
        statuses.set("web", Status.UP, false, "true");
        start();
        await(d -> avail(d, "web") == Status.UP);
        statuses.set("web", Status.DOWN, false, "true");   // the app was killed
        await(d -> avail(d, "web") == Status.DOWN);
    }

    @Test
    void theDefaultScheduleDoesNotEvaluateAgainWithinSeconds() throws Exception {
        setUp();
        store.put("web", "nodes", "n1");
        statuses.set("web", Status.UP, false, "true");
        start();
        await(d -> avail(d, "web") == Status.UP);
        Thread.sleep(2500);
        int n = statuses.refreshes.get();
        Thread.sleep(2500);
        assertEquals(n, statuses.refreshes.get());
    }

    /** Issue 8 item 14: the dataset follows status cache writes (an action) and config edits, not requests. */
    @Test
    void followsStatusWritesConfigEditsAndDeletions() throws Exception {
        setUp();
        store.put("web", "nodes", "n1");
        statuses.set("web", Status.DOWN, false, "true");
        start();
        await(d -> avail(d, "web") == Status.DOWN);
        DaemonStatus a = monitor.snapshot();
        assertSame(a, monitor.snapshot(), "a request takes the snapshot, it does not build one");
        // an action evaluates and writes the cache
        statuses.set("web", Status.UP, false, "true");
        statuses.refresh(ObjectPath.parse("web"));
        await(d -> avail(d, "web") == Status.UP);
        store.put("db", "nodes", "n1 n2", "topology", "flex");
        DaemonStatus s = await(d -> d.objects().containsKey("db"));
        assertEquals("flex", s.objects().get("db").topology());
        assertEquals(List.of("n1", "n2"), s.nodes().get("n1").configs().get("db").scope());
        Files.delete(inst.configFile(ObjectPath.parse("db")));
        await(d -> !d.objects().containsKey("db") && !d.nodes().get("n1").instances().containsKey("db"));
    }

    /**
     * The orchestrator's monitor is what the node data shows (state, target, leadership), with the local expect of
     * the instance's flag file; the object's placement alert follows the leaders it publishes. Which instance leads
     * is the orchestrator's rule (om.orchestrator PlacementTest).
     */
    @Test
    void theOrchestratorsMonitorIsShownWithTheLocalExpectOfTheFlag() throws Exception {
        setUp();
        store.put("a", "nodes", "n1");
        statuses.set("a", Status.UP, false, "true");
        start();
        await(d -> d.nodes().get("n1").monitors().containsKey("a"));
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        monitor.set("a", new InstanceMonitor("starting", "started", "started", true, at, at, List.of(), "id-1",
                null));
        DaemonStatus s = await(d -> "starting".equals(d.nodes().get("n1").monitors().get("a").state()));
        InstanceMonitor m = s.nodes().get("n1").monitors().get("a");
        assertTrue(m.isLeader());
        assertEquals("started", m.globalExpect());
        assertEquals(at, m.globalExpectUpdatedAt());
        assertEquals("id-1", m.orchestrationId());
        assertEquals("none", m.localExpect(), "the flag file says none");
    }

    /** Foundations: changes are published as events. */
    @Test
    void publishesInstanceAndObjectEvents() throws Exception {
        setUp();
        store.put("web", "nodes", "n1");
        statuses.set("web", Status.UP, false, "true");
        bus = null;
        inst = Fakes.installation(root, "n1");
        EventBus events = new EventBus("n1", Clock.systemUTC());
        DaemonEvents.Subscription sub = events.subscribe(100);
        monitor = new Monitor(inst, store, statuses, flags, settings, events, new om.daemon.internal.cluster.Hub("n1", Clock.systemUTC(), System::nanoTime), Clock.systemUTC(), System::nanoTime,
                root.resolve("proc"), 2);
        monitor.start();
        List<String> kinds = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!kinds.contains("ObjectStatusUpdated") && System.nanoTime() < deadline) {
            DaemonEvent e = sub.poll(Duration.ofMillis(100));
            if (e != null) {
                kinds.add(e.kind());
                if (e.path() != null) {
                    assertEquals("web", e.path());
                    assertEquals("n1", e.node());
                    assertNotNull(e.at());
                }
            }
        }
        assertTrue(kinds.containsAll(List.of("InstanceStatusUpdated", "InstanceMonitorUpdated",
                "ObjectStatusUpdated", "ConfigUpdated")), kinds.toString());
        sub.close();
    }

    /** Issue 8 item 12: the dataset carries the config checksum (the store's) and the settings' cluster identity. */
    @Test
    void configChecksumsAndClusterIdentityAreInTheDataset() throws Exception {
        setUp();
        store.put("web", "nodes", "n1");
        start();
        DaemonStatus s = await(d -> d.nodes().get("n1").configs().containsKey("web"));
        String sum = s.nodes().get("n1").configs().get("web").checksum();
        assertEquals(om.api.config.Values.sha256(Files.readAllBytes(inst.configFile(ObjectPath.parse("web")))), sum);
        assertEquals("c1", s.cluster().name());
        assertEquals("id1", s.cluster().id());
        settings.cluster = new Fakes.Cluster("n1", "c1", "id1", List.of("n1", "n2"));
        await(d -> d.cluster().nodes().equals(List.of("n1", "n2")));
    }

    /** The local expect has one owner (InstanceFlags): the instance monitor shows it as it changes. */
    @Test
    void theInstanceMonitorShowsTheLocalExpect() throws Exception {
        setUp();
        store.put("web", "nodes", "n1");
        start();
        await(d -> d.nodes().get("n1").monitors().containsKey("web"));
        assertEquals("none", monitor.snapshot().nodes().get("n1").monitors().get("web").localExpect());
        flags.setLocalExpect(ObjectPath.parse("web"), om.api.status.InstanceFlags.LocalExpect.STARTED);
        await(d -> "started".equals(d.nodes().get("n1").monitors().get("web").localExpect()));
    }

    @Test
    void aSelectionKeepsOnlyTheSelectedObjects() throws Exception {
        setUp();
        store.put("a", "nodes", "n1");
        store.put("b", "nodes", "n1");
        start();
        DaemonStatus s = await(d -> d.objects().size() == 2);
        DaemonStatus only = s.select("a"::equals);
        assertEquals(List.of("a"), List.copyOf(only.objects().keySet()));
        assertEquals(List.of("a"), List.copyOf(only.nodes().get("n1").instances().keySet()));
        assertEquals(List.of("a"), List.copyOf(only.nodes().get("n1").configs().keySet()));
    }

    private static om.api.status.ResourceStatus sync(DaemonStatus s, String node, String path) {
        var st = s.nodes().get(node).instances().get(path);
        return st == null ? null : st.resources().get("sync#i0");
    }

    /** etc/cluster.conf (kind ccfg) is listed by the store but is no service: no instance, no object status. */
    @Test
    void theClusterConfigIsNoService() throws Exception {
        setUp();
        Files.createDirectories(inst.etc());
        Files.writeString(inst.etc().resolve("cluster.conf"), "[cluster]\nname = c1\n");
        store.put("web", "nodes", "n1");
        assertTrue(store.list().contains(ObjectPath.parse("cluster")), "the store lists it, as the real one does");
        start();
        DaemonStatus s = await(d -> d.objects().containsKey("web") && d.nodes().get("n1").instances().containsKey("web"));
        Thread.sleep(300);
        s = monitor.snapshot();
        assertEquals(java.util.Set.of("web"), s.objects().keySet());
        assertEquals(java.util.Set.of("web"), s.nodes().get("n1").instances().keySet());
        assertEquals(java.util.Set.of("web"), s.nodes().get("n1").configs().keySet());
    }

    /** sync#i0 of an object of this node alone: n/a (print status, om mon). */
    @Test
    void syncIsNotApplicableOnASingleNode() throws Exception {
        setUp();
        store.put("web", "nodes", "n1");
        start();
        DaemonStatus s = await(d -> sync(d, "n1", "web") != null);
        assertEquals(Status.NA, sync(s, "n1", "web").status());
        assertEquals("config sync to nodes", sync(s, "n1", "web").label());
    }

    /**
     * drpnodes get the config: they are in the announced scope (replication, sync#i0), not in the placement
     * scope of the object status (drpnodes are never candidates).
     */
    @Test
    void theConfigScopeHoldsTheDrpnodes() throws Exception {
        setUp();
        store.put("web", "nodes", "n1", "drpnodes", "n3");
        start();
        DaemonStatus s = await(d -> sync(d, "n1", "web") != null && d.objects().containsKey("web"));
        assertEquals(List.of("n1", "n3"), s.nodes().get("n1").configs().get("web").scope());
        assertEquals(List.of("n1"), s.objects().get("web").scope());
        assertEquals(Status.WARN, sync(s, "n1", "web").status());
        assertEquals("need update: n3", sync(s, "n1", "web").log().get(0).message());
    }

    /** The listener row shows the node API listener's own state: failed, with the reason (a port in use). */
    @Test
    void theListenerRowIsTheListenersState() throws Exception {
        setUp();
        monitor = new Monitor(inst, store, statuses, flags, settings,
                new EventBus("n1", Clock.systemUTC()),
                new om.daemon.internal.cluster.Hub("n1", Clock.systemUTC(), System::nanoTime), Clock.systemUTC(),
                System::nanoTime, root.resolve("proc"), 1);
        var failed = new om.api.daemon.ThreadStatus("failed", java.time.Instant.EPOCH,
                List.of("cannot listen on 0.0.0.0:1215: address already in use"));
        var endpoint = new om.api.daemon.ListenerEndpoint("0.0.0.0", 1215);
        record Listener(om.api.daemon.ThreadStatus status, om.api.daemon.ListenerEndpoint config)
                implements om.daemon.internal.http.ListenerStatus {
        }
        monitor.bindListener(new Listener(failed, endpoint));
        monitor.start();
        DaemonStatus s = await(d -> "failed".equals(d.threads().get("listener").state()));
        assertEquals(failed, s.threads().get("listener"));
        assertEquals(endpoint, s.listener(), "where it should listen, bound or not");
        assertEquals("running", s.threads().get("monitor").state(), "everything else runs");
    }

    /**
     * om node freeze|thaw reaches the published node data at once (committed, so sent to the peers), not at the
     * next stamp scan: the flag is changed just after a scan, and shown before the next one.
     */
    @Test
    void aNodeFreezeAndThawArePublishedWithoutWaitingForTheScan() throws Exception {
        setUp();
        store.put("a", "nodes", "n1");
        statuses.set("a", Status.UP, false, "true");
        start();
        await(d -> d.nodes().get("n1").monitors().containsKey("a"));
        Path flag = root.resolve("var/node/frozen");
        Files.createDirectories(flag.getParent());
        for (boolean freeze : new boolean[] {true, false, true}) {
            int scans = store.lists.get();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (store.lists.get() == scans && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            scans = store.lists.get();
            long t0 = System.nanoTime();
            if (freeze) {
                Files.createFile(flag);
            } else {
                Files.delete(flag);
            }
            DaemonStatus s = await(d -> d.nodes().get("n1").frozen() == freeze);
            long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
            assertEquals(scans, store.lists.get(), "published before the next scan");
            assertTrue(ms < 1000, "took " + ms + " ms");
            assertEquals(freeze, s.nodes().get("n1").frozenAt() != null);
        }
    }

    /**
     * At start each object is evaluated once, not read from the cache and then evaluated again by the scheduler's
     * status job (every object went twice through the pool, the monitor thread and the peers while rejoining).
     */
    @Test
    void eachObjectIsEvaluatedOnceAtStart() throws Exception {
        setUp();
        for (String name : List.of("a", "b", "c")) {
            store.put(name, "nodes", "n1");
            statuses.set(name, Status.UP, false, "true");
            statuses.get(ObjectPath.parse(name));   // the cache of a previous daemon
        }
        int refreshes = statuses.refreshes.get();
        statuses.gets.set(0);
        start();
        await(d -> d.objects().size() == 3 && d.objects().values().stream().allMatch(o -> o.avail() == Status.UP));
        Thread.sleep(1000);
        assertEquals(refreshes + 3, statuses.refreshes.get(), "one evaluation per object");
        assertEquals(0, statuses.gets.get(), "no cache read before it");
    }
}
