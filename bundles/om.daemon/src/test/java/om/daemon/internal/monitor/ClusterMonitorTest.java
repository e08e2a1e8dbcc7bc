package om.daemon.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;
import om.api.node.NodeSettings;
import om.api.status.Status;
import om.core.internal.node.InstallationImpl;
import om.core.internal.node.NodeSettingsImpl;
import om.daemon.internal.cluster.Hub;
import om.daemon.internal.events.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two monitors in one JVM joined by an in-memory transport: the node data of each reaches the other, objects
 * aggregate across both, death, maintenance and rejoin. (The real transports between real daemons: the e2e
 * tests.)
 */
class ClusterMonitorTest {
    static final String CONF = """
            [cluster]
            name = c1
            nodes = n1 n2
            secret = 6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c

            [node]
            rejoin_grace_period = 3s
            maintenance_grace_period = 2s

            [hb#1]
            type = unicast
            interval = 500ms
            timeout = 2s
            """;

    @TempDir
    Path root;

    private final Loopback net = new Loopback();
    private final List<Node> nodes = new ArrayList<>();

    /** One node: its files, fakes for the object side, a real hub and monitor. */
    final class Node {
        final String name;
        final Installation inst;
        final Fakes.Store store;
        final Fakes.Statuses statuses;
        final Hub hub;
        final EventBus bus;
        final Monitor monitor;

        Node(String name, String conf) throws Exception {
            this.name = name;
            Path r = root.resolve(name);
            Files.createDirectories(r.resolve("etc"));
            Files.writeString(r.resolve("etc/cluster.conf"), conf);
            inst = new InstallationImpl(r, name);
            NodeSettings settings = new NodeSettingsImpl(inst, NO_DRIVERS);
            store = new Fakes.Store(inst);
            statuses = new Fakes.Statuses(inst);
            hub = new Hub(name, Clock.systemUTC(), System::nanoTime);
            hub.configure(settings.current());
            bus = new EventBus(name, Clock.systemUTC());
            monitor = new Monitor(inst, store, statuses, new Fakes.Flags(inst), settings, bus, hub, Clock.systemUTC(),
                    System::nanoTime, r.resolve("proc"), 1);
        }

        Node start(String... peers) {
            net.attach(name, hub, List.of(peers));
            monitor.start();
            return this;
        }

        DaemonStatus await(String what, Predicate<DaemonStatus> done) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            DaemonStatus s = monitor.current();
            while (!done.test(s) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                s = monitor.current();
            }
            assertTrue(done.test(s), name + ": " + what + " not reached in time: nodes " + s.nodes().keySet()
                    + ", objects " + s.objects() + ", node monitor " + s.nodes().get(name).monitor());
            return s;
        }

        void set(String path, Status avail) {
            statuses.set(path, avail, false, "true");
            statuses.refresh(ObjectPath.parse(path));
            monitor.statusWritten(ObjectPath.parse(path));
        }
    }

    static final DriverRegistry NO_DRIVERS = new DriverRegistry() {
        @Override
        public Optional<ResourceDriver> find(String group, String type) {
            return Optional.empty();
        }

        @Override
        public Collection<ResourceDriver> all() {
            return List.of();
        }

        @Override
        public long generation() {
            return 0;
        }
    };

    private Node node(String name) throws Exception {
        Node n = new Node(name, CONF);
        nodes.add(n);
        return n;
    }

    @AfterEach
    void stop() {
        nodes.forEach(n -> n.monitor.stop());
        net.close();
    }

    private static String state(DaemonStatus s, String node) {
        return s.nodes().get(node).monitor().state();
    }

    private static Status avail(DaemonStatus s, String path) {
        var o = s.objects().get(path);
        return o == null ? null : o.avail();
    }

    @Test
    void bothNodesSeeEachOtherAndAggregateObjectsAcrossThem() throws Exception {
        Node n1 = node("n1");
        Node n2 = node("n2");
        for (Node n : List.of(n1, n2)) {
            n.store.put("web", "nodes", "n1 n2");
        }
        n1.statuses.set("web", Status.UP, false, "true");
        n2.statuses.set("web", Status.DOWN, false, "true");
        assertEquals("rejoin", state(n1.monitor.current(), "n1"), "a multi-node daemon starts in rejoin");
        n1.start("n2");
        n2.start("n1");
        // the leaders are the orchestrators' (om.orchestrator ranks the candidates): n1's says its instance leads
        n1.await("web evaluated on n1", d -> d.nodes().get("n1").instances().containsKey("web"));
        n1.monitor.set("web", new om.api.daemon.InstanceMonitor("idle", "none", "none", true, null));
        for (Node n : List.of(n1, n2)) {
            DaemonStatus s = n.await("both nodes idle with each other's data",
                    d -> d.nodes().size() == 2 && "idle".equals(state(d, n.name))
                            && d.nodes().get("n1").instances().containsKey("web")
                            && d.nodes().get("n2").instances().containsKey("web"));
            s = n.await("web aggregated up", d -> avail(d, "web") == Status.UP && d.objects().get("web")
                    .placement().equals("optimal"));
            assertEquals(1, s.objects().get("web").upInstances());
            assertEquals("running", s.threads().get("hb#1.rx").state());
            assertTrue(s.heartbeats().get("hb#1.rx").peers().get(n.name.equals("n1") ? "n2" : "n1").beating());
        }
        // n1's leadership as n1 published it, on both nodes
        n1.await("n1 leads", d -> d.nodes().get("n1").monitors().get("web").isLeader());
        n2.await("n1 leads as n2 sees it", d -> d.nodes().get("n1").monitors().get("web").isLeader()
                && !d.nodes().get("n2").monitors().get("web").isLeader());

        // a change on n2 reaches n1 at once (sent after the commit, not at the next interval)
        DaemonEvents.Subscription sub = n1.bus.subscribe(1000);
        long start = System.nanoTime();
        n2.set("web", Status.UP);
        DaemonStatus s = n1.await("n2's instance up on n1",
                d -> d.nodes().get("n2").instances().get("web").avail() == Status.UP);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms < 1000, "took " + ms + " ms");
        s = n1.await("two instances up: warn", d -> avail(d, "web") == Status.WARN);
        assertEquals(2, s.objects().get("web").upInstances());
        boolean seen = false;
        for (DaemonEvent e = sub.poll(Duration.ofMillis(100)); e != null; e = sub.poll(Duration.ofMillis(10))) {
            seen |= e instanceof DaemonEvent.InstanceStatusUpdated u && u.node().equals("n2");
        }
        assertTrue(seen, "an InstanceStatusUpdated of n2 on n1's bus");
    }

    @Test
    void aSilentPeerLeavesTheViewAndComesBack() throws Exception {
        Node n1 = node("n1");
        Node n2 = node("n2");
        n2.store.put("db", "nodes", "n2");
        n2.statuses.set("db", Status.UP, false, "true");
        n1.start("n2");
        n2.start("n1");
        n1.await("db known from n2", d -> avail(d, "db") == Status.UP && d.nodes().size() == 2);
        DaemonEvents.Subscription sub = n1.bus.subscribe(1000);
        net.cut("n2", true);
        DaemonStatus s = n1.await("n2 dead", d -> !d.nodes().containsKey("n2"));
        assertFalse(s.objects().containsKey("db"), "its instances left the aggregation");
        assertFalse(s.heartbeats().get("hb#1.rx").peers().get("n2").beating());
        boolean deleted = false;
        for (DaemonEvent e = sub.poll(Duration.ofMillis(100)); e != null; e = sub.poll(Duration.ofMillis(10))) {
            deleted |= e instanceof DaemonEvent.NodeDataDeleted d && d.node().equals("n2");
        }
        assertTrue(deleted);
        net.cut("n2", false);
        n1.await("n2 back with a full", d -> d.nodes().containsKey("n2") && avail(d, "db") == Status.UP);
    }

    /**
     * A live heartbeat config change re-attaches the transport: the peer heard through it must not leave the
     * view while the link is replaced (a false death is a failover).
     */
    @Test
    void aReattachedHeartbeatKeepsThePeerInTheView() throws Exception {
        Node n1 = node("n1");
        Node n2 = node("n2");
        n1.start("n2");
        n2.start("n1");
        n1.await("n2 in the view", d -> d.nodes().size() == 2 && "idle".equals(state(d, "n1")));
        DaemonEvents.Subscription sub = n1.bus.subscribe(1000);
        net.reattach("n1", n1.hub, List.of("n2"), Duration.ofMillis(300));
        n1.await("n2 beating on the new link", d -> d.heartbeats().get("hb#1.rx").stats().messages() > 0
                && d.heartbeats().get("hb#1.rx").peers().get("n2").beating());
        Thread.sleep(500);
        assertTrue(n1.monitor.current().nodes().containsKey("n2"));
        boolean deleted = false;
        for (DaemonEvent e = sub.poll(Duration.ofMillis(100)); e != null; e = sub.poll(Duration.ofMillis(10))) {
            deleted |= e instanceof DaemonEvent.NodeDataDeleted d && d.node().equals("n2");
        }
        assertFalse(deleted, "n2 was dropped from n1's view during the re-attachment");
    }

    /** om daemon stop announces maintenance: the peer keeps the data for its maintenance grace, then drops it. */
    @Test
    void aPeerInMaintenanceIsKeptForTheGracePeriod() throws Exception {
        Node n1 = node("n1");
        Node n2 = node("n2");
        n2.store.put("db", "nodes", "n2");
        n2.statuses.set("db", Status.UP, false, "true");
        n1.start("n2");
        n2.start("n1");
        n1.await("n2 idle", d -> d.nodes().containsKey("n2") && "idle".equals(state(d, "n2")));
        assertTrue(n2.monitor.announceMaintenance(Duration.ofSeconds(2)), "sent in time");
        n2.monitor.stop();
        net.cut("n2", true);
        n1.await("n2 in maintenance", d -> d.nodes().containsKey("n2") && "maintenance".equals(state(d, "n2")));
        long silent = System.nanoTime();
        // dead after the 2 s timeout, kept 2 s more
        DaemonStatus s = n1.await("n2 dropped after its grace", d -> !d.nodes().containsKey("n2"));
        long ms = (System.nanoTime() - silent) / 1_000_000;
        assertTrue(ms >= 3500, "dropped after " + ms + " ms, before timeout + grace");
        assertFalse(s.objects().containsKey("db"));
    }

    /**
     * A daemon stopped by SIGTERM (systemd: the launcher stops the framework, which deactivates the monitor) announces
     * maintenance as om daemon stop does: the peer keeps its data for the grace period.
     */
    @Test
    void aStopWithoutOmDaemonStopAnnouncesMaintenanceToo() throws Exception {
        Node n1 = node("n1");
        Node n2 = node("n2");
        n1.start("n2");
        n2.start("n1");
        n1.await("n2 idle", d -> d.nodes().containsKey("n2") && "idle".equals(state(d, "n2")));
        n2.monitor.deactivate();
        n1.await("n2 in maintenance", d -> d.nodes().containsKey("n2") && "maintenance".equals(state(d, "n2")));
    }

    /** The return of a dead peer is logged once, as its death is. */
    @Test
    void aPeerBackFromTheDeadIsLoggedOnce() throws Exception {
        Node n1 = node("n1");
        Node n2 = node("n2");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.lang.reflect.Method bind = Hub.class.getDeclaredMethod("bindLog", om.api.action.ActionLog.class);
        bind.setAccessible(true);
        bind.invoke(n1.hub, (om.api.action.ActionLog) e -> lines.add(e.message()));
        n1.start("n2");
        n2.start("n1");
        n1.await("n2 in the view", d -> d.nodes().containsKey("n2"));
        net.cut("n2", true);
        n1.await("n2 dead", d -> !d.nodes().containsKey("n2"));
        assertFalse(lines.contains("n2 is alive again"), "its first appearance is no return");
        net.cut("n2", false);
        n1.await("n2 back", d -> d.nodes().containsKey("n2"));
        Thread.sleep(500);
        assertEquals(1, lines.stream().filter("n2 is alive again"::equals).count(), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("n2 is dead")), lines.toString());
    }

    /** A tombstone written on n2 ({@code om <path> delete}) is in n2's data on n1: services.deleted. */
    @Test
    void tombstonesTravelInTheNodeData() throws Exception {
        Node n1 = node("n1");
        Node n2 = node("n2");
        n1.start("n2");
        n2.start("n1");
        n1.await("n2 known", d -> d.nodes().containsKey("n2"));
        Path t = n2.inst.var().resolve("deleted/ns1/svc/gone");
        Files.createDirectories(t.getParent());
        Files.writeString(t, "");
        n1.await("n2's tombstone on n1", d -> d.nodes().containsKey("n2")
                && d.nodes().get("n2").deleted().containsKey("ns1/svc/gone"));
    }

    /** A peer that never answers: the rejoin grace period expires, the node freezes itself and goes idle. */
    @Test
    void rejoinGraceExpiryFreezesTheNode() throws Exception {
        Node n1 = node("n1");
        n1.start("n2");
        DaemonStatus s = n1.await("n1 idle", d -> "idle".equals(state(d, "n1")));
        assertTrue(s.nodes().get("n1").frozen());
        assertTrue(Files.exists(n1.inst.var().resolve("node/frozen")));
    }

    /** A single-node cluster does not wait for anybody. */
    @Test
    void aSingleNodeClusterIsIdleAtOnce() throws Exception {
        Node n1 = new Node("n1", CONF.replace("nodes = n1 n2", "nodes = n1"));
        nodes.add(n1);
        assertEquals("idle", state(n1.monitor.current(), "n1"));
        n1.monitor.start();
        DaemonStatus s = n1.await("idle", d -> "idle".equals(state(d, "n1")));
        assertFalse(s.nodes().get("n1").frozen());
    }

    private static om.api.status.ResourceStatus sync(DaemonStatus s, String node, String path) {
        var d = s.nodes().get(node);
        var st = d == null ? null : d.instances().get(path);
        return st == null ? null : st.resources().get("sync#i0");
    }

    /**
     * sync#i0 follows the peers' config summaries: warn with need update while the peer has not the config,
     * up once it reports the same checksum, warn again when it changes on one side only.
     */
    @Test
    void syncFollowsThePeersConfigs() throws Exception {
        Node n1 = node("n1");
        Node n2 = node("n2");
        n1.store.put("web", "nodes", "n1 n2");
        n1.start("n2");
        n2.start("n1");
        DaemonStatus s = n1.await("need update: n2", d -> d.nodes().containsKey("n2")
                && sync(d, "n1", "web") != null && sync(d, "n1", "web").status() == Status.WARN);
        assertEquals("need update: n2", sync(s, "n1", "web").log().get(0).message());
        n2.store.put("web", "nodes", "n1 n2");
        n1.await("up once n2 has the same config", d -> sync(d, "n1", "web").status() == Status.UP);
        n2.await("up on n2 too", d -> sync(d, "n2", "web") != null && sync(d, "n2", "web").status() == Status.UP);
        n2.store.put("web", "nodes", "n1 n2", "orchestrate", "ha");
        n1.await("warn again after a change on n2", d -> sync(d, "n1", "web").status() == Status.WARN);
    }
}
