package om.daemon.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import om.api.Installation;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.NodeMonitor;
import om.daemon.internal.cluster.ClusterData;
import om.daemon.internal.cluster.Hub;
import om.daemon.internal.events.EventBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node monitor side of the monitor, on a clock the test moves: rejoin, its grace, the frozen flag, announces. */
class MembershipTest {
    @TempDir
    Path root;

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Fakes.Settings settings = new Fakes.Settings("n1");
    private EventBus bus;

    private Membership membership(List<String> nodes) {
        Installation inst = Fakes.installation(root, "n1");
        settings.cluster = new Fakes.Cluster("n1", "c1", "id1", nodes);
        hub = new Hub("n1", Clock.systemUTC(), nanos::get);
        bus = new EventBus("n1", Clock.systemUTC());
        ClusterData data = new ClusterData("n1", hub, Clock.systemUTC(), nanos::get, e -> { });
        return new Membership(inst, settings, hub, data, bus, Clock.systemUTC(), nanos::get, Instant.now());
    }

    private Hub hub;

    @Test
    void aSingleNodeIsIdleAtOnceAndHasNothingToRejoin() {
        Membership m = membership(List.of("n1"));
        assertEquals(NodeMonitor.IDLE, m.nodeMonitor().state());
        assertEquals(List.of(), m.peers());
        m.started();
        assertFalse(m.rejoin());
    }

    /** Without any peer's full, the grace period (90 s by default) ends the rejoin: frozen, then idle. */
    @Test
    void rejoinGraceExpiryFreezesTheNodeAndGoesIdle() {
        Membership m = membership(List.of("n1", "n2"));
        DaemonEvents.Subscription sub = bus.subscribe(10);
        assertEquals(Membership.REJOIN, m.nodeMonitor().state());
        assertEquals(List.of("n2"), m.peers());
        m.started();
        nanos.addAndGet(Membership.REJOIN_GRACE.toNanos() - 1);
        assertFalse(m.rejoin(), "still within the grace period");
        assertNull(m.frozenAt());
        nanos.addAndGet(1);
        assertTrue(m.rejoin());
        assertEquals(NodeMonitor.IDLE, m.nodeMonitor().state());
        assertNotNull(m.frozenAt());
        assertTrue(Files.exists(root.resolve("var/node/frozen")));
        assertFalse(m.scanFrozen(), "its own freeze is not a change seen again by the scan");
        assertFalse(m.rejoin(), "once");
        List<String> kinds = new ArrayList<>();
        for (DaemonEvent e = sub.poll(Duration.ZERO); e != null; e = sub.poll(Duration.ZERO)) {
            kinds.add(e.kind());
        }
        assertEquals(List.of("NodeMonitorUpdated"), kinds);
    }

    @Test
    void theFrozenFlagIsFollowed() throws Exception {
        Membership m = membership(List.of("n1"));
        assertFalse(m.scanFrozen());
        Files.createDirectories(root.resolve("var/node"));
        Files.createFile(root.resolve("var/node/frozen"));
        assertTrue(m.scanFrozen());
        assertEquals(Files.getLastModifiedTime(root.resolve("var/node/frozen")).toInstant(), m.frozenAt());
        assertFalse(m.scanFrozen());
        Files.delete(root.resolve("var/node/frozen"));
        assertTrue(m.scanFrozen());
        assertNull(m.frozenAt());
    }

    @Test
    void everyCallerAskingForTheMaintenanceAnnounceIsAnswered() throws Exception {
        Membership m = membership(List.of("n1", "n2"));
        assertFalse(m.maintenanceAsked());
        CompletableFuture<CountDownLatch> a = m.askMaintenance();
        CompletableFuture<CountDownLatch> b = m.askMaintenance();
        assertTrue(m.maintenanceAsked());
        assertTrue(m.setState(ClusterData.MAINTENANCE));
        assertFalse(m.setState(ClusterData.MAINTENANCE), "no change, no event");
        CountDownLatch sent = new CountDownLatch(0);
        m.announced(sent);
        assertSame(sent, a.get());
        assertSame(sent, b.get());
        assertFalse(m.maintenanceAsked());
    }

    @Test
    void aClusterChangeIsSeenOnce() {
        Membership m = membership(List.of("n1"));
        assertFalse(m.readCluster());
        settings.cluster = new Fakes.Cluster("n1", "c1", "id1", List.of("n1", "n2"));
        assertTrue(m.readCluster());
        assertFalse(m.readCluster());
        assertEquals(List.of("n2"), m.peers());
    }

    /**
     * Found by the chaos soak (bench/soak.sh, seed 7, step 4, R5): a daemon SIGSTOPped past the heartbeat timeout
     * looked at its peers' liveness on resume before its rx threads read what they had sent meanwhile, dropped them
     * all and, on that stale view, fenced a live peer and took its failover object over. After a gap of more than
     * {@link Membership#STALL} between two looks, the peers are not judged for one heartbeat interval.
     */
    @Test
    void afterAStallOfTheProcessThePeersAreNotJudgedForOneInterval() throws Exception {
        Membership m = membership(List.of("n1", "n2"));
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.lang.reflect.Method bind = Hub.class.getDeclaredMethod("bindLog", om.api.action.ActionLog.class);
        bind.setAccessible(true);
        bind.invoke(hub, (om.api.action.ActionLog) e -> lines.add(e.message()));
        m.liveness();
        nanos.addAndGet(Duration.ofMillis(250).toNanos());
        m.liveness();
        assertEquals(List.of(), lines, "looks 250 ms apart: no stall");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(new ClusterData.Changes(false, java.util.Set.of()), m.liveness());
        assertEquals(List.of("the daemon did not run for 5000 ms: the peers are judged again in 5s, once their "
                + "messages of that time are read"), lines);
        assertTrue(stalled(m), "still settling");
        // looks every 250 ms, as the monitor's tick
        for (long t = 250; t < hub.interval().toMillis() - 250; t += 250) {
            nanos.addAndGet(Duration.ofMillis(250).toNanos());
            assertTrue(stalled(m), "within the interval, " + t + " ms after");
        }
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertFalse(stalled(m), "judged again after one interval");
        assertEquals(1, lines.size(), "logged once");
    }

    private static boolean stalled(Membership m) throws Exception {
        java.lang.reflect.Method st = Membership.class.getDeclaredMethod("stalled");
        st.setAccessible(true);
        return (Boolean) st.invoke(m);
    }
}
