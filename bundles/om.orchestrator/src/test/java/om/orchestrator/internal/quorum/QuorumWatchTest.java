package om.orchestrator.internal.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import om.api.daemon.ArbitratorStatus;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonStatus;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;
import om.api.status.Level;
import om.core.internal.node.InstallationImpl;
import om.core.internal.node.NodeSettingsImpl;
import om.testkit.ComponentConstructors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quorum watch of n1 in a 3-node cluster (orchestration.md section 7): the cluster view is set by the test,
 * the clock is the test's, the settings are the real ones over a cluster.conf, the arbitrators real listeners, and
 * the host's crash and reboot are recorded (never the real ones).
 */
public class QuorumWatchTest {
    public static final DriverRegistry NO_DRIVERS = new DriverRegistry() {
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
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    /** ready_period 3s: the split delay and the check timeout are 1 s. */
    private static final Duration DELAY = Duration.ofSeconds(1);

    @TempDir
    Path root;
    private final AtomicReference<DaemonStatus> view = new AtomicReference<>();
    private final AtomicReference<Map<String, ArbitratorStatus>> shown = new AtomicReference<>();
    private final List<String> done = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private final TestClock clock = new TestClock();
    private QuorumWatch watch;

    static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final SplitAction.Host host = new SplitAction.Host() {
        @Override
        public void crash() {
            done.add("crash");
        }

        @Override
        public void reboot() {
            done.add("reboot");
        }
    };

    /** A host that must never be reached (a hook is configured). */
    private static final SplitAction.Host NEVER = new SplitAction.Host() {
        @Override
        public void crash() {
            throw new AssertionError("the host crash was reached although a hook is configured");
        }

        @Override
        public void reboot() {
            throw new AssertionError("the host reboot was reached although a hook is configured");
        }
    };

    @AfterEach
    void close() {
        if (watch != null) {
            watch.close();
        }
    }

    private void conf(String extra) throws Exception {
        conf(extra, "");
    }

    /** cluster.conf: extra after cluster.nodes (other sections may follow), node keys in the one [node]. */
    private void conf(String extra, String nodeKeys) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/cluster.conf"), "[node]\nready_period = 3s\n" + nodeKeys
                + "\n[cluster]\nnodes = n1 n2 n3\n" + extra + "\n");
    }

    private QuorumWatch watch(SplitAction.Host h, SplitAction.Hook hook) {
        NodeSettingsImpl settings = new NodeSettingsImpl(new InstallationImpl(root, "n1"), NO_DRIVERS);
        watch = new QuorumWatch(view::get, settings, shown::set, "n1", clock, h,
                (Level level, String m) -> lines.add(level + " " + m), hook);
        return watch;
    }

    private void live(String... nodes) {
        live(false, nodes);
    }

    private void live(boolean frozen, String... nodes) {
        Map<String, NodeData> m = new TreeMap<>();
        for (String n : nodes) {
            m.put(n, new NodeData(new NodeMonitor("idle", "none", T0), frozen && n.equals("n1"), null, T0, Map.of(),
                    NodeStats.UNKNOWN, Map.of(), Map.of(), Map.of()));
        }
        view.set(new DaemonStatus(new ClusterIdentity("c1", "id", List.of("n1", "n2", "n3"), true), Map.of(), m,
                Map.of()));
    }

    /** The nodes, those of maintenance in that monitor state (their daemon announced a stop). */
    private void liveWithMaintenance(List<String> maintenance, String... nodes) {
        Map<String, NodeData> m = new TreeMap<>();
        for (String n : nodes) {
            String state = maintenance.contains(n) ? "maintenance" : "idle";
            m.put(n, new NodeData(new NodeMonitor(state, "none", T0), false, null, T0, Map.of(),
                    NodeStats.UNKNOWN, Map.of(), Map.of(), Map.of()));
        }
        view.set(new DaemonStatus(new ClusterIdentity("c1", "id", List.of("n1", "n2", "n3"), true), Map.of(), m,
                Map.of()));
    }

    /** Looks every 250 ms of the test clock for d. */
    private void run(Duration d) {
        for (Duration t = Duration.ZERO; t.compareTo(d) < 0; t = t.plusMillis(250)) {
            watch.look();
            clock.advance(Duration.ofMillis(250));
        }
    }

    @Test
    void theIsolatedNodeCrashesAfterReadyPeriodOverThreeOncePerSplit() throws Exception {
        conf("quorum = true");
        watch(host, SplitAction.Hook.NONE);
        live("n1", "n2", "n3");
        run(Duration.ofSeconds(2));
        assertEquals(List.of(), done);
        live("n1");
        watch.look();
        assertTrue(lines.get(lines.size() - 1).startsWith("WARN quorum lost: votes 1/3 (live n1, lost n2,n3)"),
                lines.toString());
        clock.advance(DELAY.minusMillis(1));
        watch.look();
        assertEquals(List.of(), done, "not before ready_period / 3");
        clock.advance(Duration.ofMillis(1));
        watch.look();
        assertEquals(List.of("crash"), done);
        assertTrue(lines.contains("ERROR split: votes 1/3 (live n1, lost n2,n3): split_action crash"),
                lines.toString());
        run(Duration.ofSeconds(10));
        assertEquals(List.of("crash"), done, "once per split");
        // the peers came back: the next split acts again
        live("n1", "n2", "n3");
        watch.look();
        assertTrue(lines.get(lines.size() - 1).startsWith("INFO quorum back, no peer lost: votes 3/3"),
                lines.toString());
        live("n1");
        run(Duration.ofSeconds(2));
        assertEquals(List.of("crash", "crash"), done);
    }

    /** Peers stopped on purpose (om daemon stop: maintenance) then gone after their grace are not lost. */
    @Test
    void peersThatLeftInMaintenanceDoNotSplitTheCluster() throws Exception {
        conf("quorum = true");
        watch(host, SplitAction.Hook.NONE);
        live("n1", "n2", "n3");
        watch.look();
        liveWithMaintenance(List.of("n2", "n3"), "n1", "n2", "n3");
        watch.look();
        live("n1");
        run(Duration.ofSeconds(5));
        assertEquals(List.of(), done, lines.toString());
        // back, then lost without a word: that is a split
        live("n1", "n2", "n3");
        watch.look();
        live("n1");
        run(Duration.ofSeconds(5));
        assertEquals(List.of("crash"), done, lines.toString());
    }

    @Test
    void theMajorityCarriesOn() throws Exception {
        conf("quorum = true");
        watch(host, SplitAction.Hook.NONE);
        live("n1", "n2", "n3");
        watch.look();
        live("n1", "n2");
        run(Duration.ofSeconds(5));
        assertEquals(List.of(), done);
        assertTrue(lines.stream().noneMatch(l -> l.contains("quorum lost")), lines.toString());
    }

    @Test
    void withTheTestHookTheCommandRunsNeverTheHost() throws Exception {
        conf("quorum = true");
        Path mark = root.resolve("split.marker");
        watch(NEVER, new SplitAction.Hook("echo \"$OM_SPLIT_ACTION on $OM_NODENAME\" >> " + mark,
                "echo reboot >> " + mark));
        live("n1", "n2", "n3");
        watch.look();
        live("n1");
        run(Duration.ofSeconds(3));
        assertEquals("crash on n1\n", Files.readString(mark));
    }

    @Test
    void aHookConfiguredLaterIsUsedWithoutRestart() throws Exception {
        conf("quorum = true");
        Path mark = root.resolve("split.marker");
        watch(host, SplitAction.Hook.NONE);
        // FileInstall delivers deploy/om.orchestrator.split.cfg: Config Admin calls modified
        watch.modified(hookOf("echo hooked >> " + mark, ""));
        live("n1", "n2", "n3");
        watch.look();
        live("n1");
        run(Duration.ofSeconds(3));
        assertEquals("hooked\n", Files.readString(mark));
        assertEquals(List.of(), done);
    }

    private static QuorumWatch.Hook hookOf(String crash, String reboot) {
        return new QuorumWatch.Hook() {
            @Override
            public String crash_command() {
                return crash;
            }

            @Override
            public String reboot_command() {
                return reboot;
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return QuorumWatch.Hook.class;
            }
        };
    }

    @Test
    void rebootGoesToTheHostsRebootAndDisabledOnlyLogs() throws Exception {
        conf("quorum = true", "split_action = reboot");
        watch(host, SplitAction.Hook.NONE);
        live("n1", "n2", "n3");
        watch.look();
        live("n1");
        run(Duration.ofSeconds(2));
        assertEquals(List.of("reboot"), done);

        live("n1", "n2", "n3");
        watch.look();
        // node.conf overrides cluster.conf
        Files.writeString(root.resolve("etc/node.conf"), "[node]\nsplit_action = disabled\n");
        live("n1");
        run(Duration.ofSeconds(2));
        assertEquals(List.of("reboot"), done);
        assertTrue(lines.contains("WARN split_action disabled: nothing done"), lines.toString());
    }

    @Test
    void aReachableArbitratorKeepsTheIsolatedNodeUntilItGoesDown() throws Exception {
        ServerSocket arb = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        conf("quorum = true\n[arbitrator#1]\nuri = 127.0.0.1:" + arb.getLocalPort() + "\nweight = 2");
        watch(host, SplitAction.Hook.NONE);
        live("n1", "n2", "n3");
        watch.look();
        assertEquals(Map.of("arbitrator#1", new ArbitratorStatus("127.0.0.1", "up")), shown.get());
        live("n1");
        // 1 node + 2 arbitrator votes of 5: carries on
        run(Duration.ofSeconds(5));
        assertEquals(List.of(), done);
        arb.close();
        // the next periodic check finds it down: the split is suspected, checked afresh, acted on
        run(QuorumWatch.CHECK_EVERY.plus(DELAY).plusSeconds(1));
        assertEquals(Map.of("arbitrator#1", new ArbitratorStatus("127.0.0.1", "down")), shown.get());
        assertEquals(List.of("crash"), done);
        assertTrue(lines.contains("ERROR split: votes 1/5 (live n1, lost n2,n3, arbitrators down 127.0.0.1=2): "
                + "split_action crash"), lines.toString());
    }

    @Test
    void aFrozenNodeOrOneThatNeverSawItsPeersDoesNothing() throws Exception {
        conf("quorum = true");
        watch(host, SplitAction.Hook.NONE);
        // booted alone: no peer was ever seen, none is lost (a member added to cluster.nodes later must not make a
        // live node crash either)
        live("n1");
        run(Duration.ofSeconds(3));
        live(true, "n1", "n2", "n3");
        watch.look();
        live(true, "n1");
        run(Duration.ofSeconds(3));
        assertEquals(List.of(), done);
    }

    /** A peer whose data we hold but whose tx cell is X (it does not hear us) is no vote: it will declare us dead. */
    @Test
    void aPeerThatDoesNotHearUsIsNoVote() throws Exception {
        conf("quorum = true");
        watch(host, SplitAction.Hook.NONE);
        live("n1", "n2", "n3");
        run(Duration.ofSeconds(1));
        DaemonStatus all = view.get();
        om.api.daemon.HeartbeatStatus.Stats none = new om.api.daemon.HeartbeatStatus.Stats(0, 0, 0);
        Map<String, om.api.daemon.HeartbeatStatus> deaf = Map.of("hb#1.tx", new om.api.daemon.HeartbeatStatus(
                "hb#1.tx", "unicast", null, 0, "1s", "3s", Map.of(
                "n2", new om.api.daemon.HeartbeatStatus.Peer(false, T0),
                "n3", new om.api.daemon.HeartbeatStatus.Peer(false, T0)), null, none, Map.of()));
        view.set(new DaemonStatus(all.cluster(), all.threads(), deaf, all.nodes(), all.objects(), null));
        run(DELAY.plusSeconds(1));
        assertEquals(List.of("crash"), done, "n2 and n3 do not hear n1: it has no majority, whatever it hears");
    }

    @Test
    void withoutQuorumNorArbitratorsTheWatchOnlyRereadsTheSettingsRarely() throws Exception {
        conf("quorum = false");
        watch(host, SplitAction.Hook.NONE);
        live("n1", "n2", "n3");
        assertEquals(QuorumWatch.IDLE, watch.look());
        // the cluster view is not even looked at
        view.set(null);
        live("n1");
        for (int i = 0; i < 20; i++) {
            assertEquals(QuorumWatch.IDLE, watch.look());
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(List.of(), done);
        assertEquals(Map.of(), shown.get());
    }

    @Test
    void arbitratorsAreShownEvenWithoutQuorum() throws Exception {
        try (ServerSocket arb = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            conf("quorum = false\n[arbitrator#1]\nuri = 127.0.0.1:" + arb.getLocalPort()
                    + "\n[arbitrator#2]\nuri = http://127.0.0.1:1/x");
            watch(host, SplitAction.Hook.NONE);
            assertEquals(QuorumWatch.IDLE, watch.look());
            assertEquals(Map.of("arbitrator#1", new ArbitratorStatus("127.0.0.1", "up"),
                    "arbitrator#2", new ArbitratorStatus("127.0.0.1", "down")), shown.get());
            // checked again every CHECK_EVERY, not at each look
            arb.close();
            clock.advance(QuorumWatch.IDLE);
            watch.look();
            assertEquals("up", shown.get().get("arbitrator#1").status());
            clock.advance(QuorumWatch.CHECK_EVERY.minus(QuorumWatch.IDLE));
            watch.look();
            assertEquals("down", shown.get().get("arbitrator#1").status());
        }
    }

    /** Deactivation (daemon stop, bundle update) ends the thread at once, even while it waits on an arbitrator. */
    @Test
    void stopEndsTheThreadDuringAHangingCheck() throws Exception {
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            asked.countDown();
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }));
        server.start();
        try {
            // ready_period 30s: the check may take 10 s
            Files.createDirectories(root.resolve("etc"));
            Files.writeString(root.resolve("etc/cluster.conf"), "[node]\nready_period = 30s\n[cluster]\n"
                    + "nodes = n1 n2 n3\nquorum = true\n[arbitrator#1]\nuri = http://127.0.0.1:"
                    + server.getAddress().getPort() + "/\n");
            live("n1", "n2", "n3");
            NodeSettingsImpl settings = new NodeSettingsImpl(new InstallationImpl(root, "n1"), NO_DRIVERS);
            watch = new QuorumWatch(view::get, settings, shown::set, "n1", Clock.systemUTC(), host,
                    (Level level, String m) -> lines.add(level + " " + m), SplitAction.Hook.NONE);
            watch.start();
            assertTrue(asked.await(10, java.util.concurrent.TimeUnit.SECONDS), "the check began");
            long t0 = System.nanoTime();
            watch.close();
            for (int i = 0; i < 100 && quorumThreads() > 0; i++) {
                Thread.sleep(20);
            }
            assertEquals(0, quorumThreads(), "the quorum threads are gone");
            assertTrue(System.nanoTime() - t0 < java.util.concurrent.TimeUnit.SECONDS.toNanos(2));
            assertEquals(List.of(), done);
        } finally {
            server.stop(0);
        }
    }

    private static long quorumThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && (t.getName().equals("quorum") || t.getName().equals("quorum-arbitrator")))
                .count();
    }

    @Test
    void oneUnambiguousConstructor() {
        ComponentConstructors.assertUnambiguous(QuorumWatch.class);
    }
}
