package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import om.shell.internal.FakeDaemon;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import org.junit.jupiter.api.Test;

/** mon and daemon status serve the daemon's snapshot; --watch follows its events. */
class DaemonVerbsTest {
    private static final Instant T = Instant.parse("2025-01-10T09:12:03.123Z");
    private static final String CLEAR = "\u001b[H\u001b[2J";

    private static DaemonStatus dataset(String... paths) {
        Map<String, InstanceStatus> inst = new java.util.TreeMap<>();
        Map<String, InstanceMonitor> mon = new java.util.TreeMap<>();
        Map<String, ObjectStatus> obj = new java.util.TreeMap<>();
        for (String p : paths) {
            inst.put(p, new InstanceStatus(p, "n1", "svc", "failover", "no", Status.UP, Status.UP, Status.NA, "true",
                    false, null, T, null, List.of(), Map.of(), 0));
            mon.put(p, InstanceMonitor.idle(true));
            obj.put(p, new ObjectStatus(Status.UP, Status.UP, "n/a", "unfrozen", "true", "failover", "no", 1, 1, 1, 1,
                    List.of("n1")));
        }
        ThreadStatus running = new ThreadStatus("running", T, List.of());
        return new DaemonStatus(new ClusterIdentity("c1", "", List.of("n1"), false),
                Map.of("listener", running, "monitor", running, "scheduler", running),
                Map.of("n1", new NodeData(new NodeMonitor("idle", "none", T), false, null, T, Map.of(),
                        NodeStats.UNKNOWN, Map.of(), inst, mon)), obj);
    }

    @Test
    void aSelectorKeepsOnlyTheSelectedObjectsOfTheSnapshot() {
        FakeDaemon daemon = new FakeDaemon();
        daemon.status = dataset("web1", "web2", "db");
        OmCommandRunner runner = new OmCommandRunner(Fakes.services("n1", new Fakes.Store("web1", "web2", "db"),
                daemon, null));
        Fakes.Call call = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, call, "web1,web2", "mon", "--sections", "services"), call.err());
        assertEquals("""
                Services               n1
                 web1    up failover | O^
                 web2    up failover | O^
                """, call.out());
        Fakes.Call json = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, json, "db", "daemon", "status", "--format", "flat_json"), json.err());
        assertTrue(json.out().contains(".monitor.services.db.avail = up\n"), json.out());
        assertTrue(!json.out().contains("web1"), json.out());
    }

    /** --watch redraws on events (at most twice a second) instead of polling once a second. */
    @Test
    void watchRedrawsOnEvents() throws Exception {
        FakeDaemon daemon = new FakeDaemon();
        daemon.status = dataset("web");
        OmCommandRunner runner = new OmCommandRunner(Fakes.services("n1", new Fakes.Store("web"), daemon, null));
        Fakes.Call quiet = new Fakes.Call();
        CompletableFuture.delayedExecutor(2300, TimeUnit.MILLISECONDS).execute(() -> quiet.cancel.cancel("i"));
        assertEquals(0, Fakes.run(runner, quiet, "mon", "--watch"));
        int quietDraws = quiet.out().split(java.util.regex.Pattern.quote(CLEAR), -1).length - 1;

        Fakes.Call busy = new Fakes.Call();
        ScheduledExecutorService ex = new ScheduledThreadPoolExecutor(1);
        ex.scheduleAtFixedRate(() -> daemon.publish(new DaemonEvent.NodeStatsUpdated(Instant.now(), "n1",
                NodeStats.UNKNOWN)), 20, 20, TimeUnit.MILLISECONDS);
        CompletableFuture.delayedExecutor(2300, TimeUnit.MILLISECONDS).execute(() -> busy.cancel.cancel("i"));
        assertEquals(0, Fakes.run(runner, busy, "mon", "--watch"));
        ex.shutdownNow();
        int busyDraws = busy.out().split(java.util.regex.Pattern.quote(CLEAR), -1).length - 1;
        // quiet: at 0, 1 and 2 s; busy: every 500 ms (0, 0.5, 1, 1.5, 2), never more
        assertTrue(quietDraws >= 2 && quietDraws <= 3, "quiet " + quietDraws);
        assertTrue(busyDraws >= 4 && busyDraws <= 5, "busy " + busyDraws);
    }

    /** --stats: a first drawing without usage, then the CPU usage between two samples of the stats source. */
    @Test
    void statsSamplesEveryIntervalAndShowsTheUsageFromTheSecondSample() {
        FakeDaemon daemon = new FakeDaemon();
        daemon.status = dataset("web");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        om.api.daemon.DaemonStatsSource source = new om.api.daemon.DaemonStatsSource() {
            @Override
            public om.api.daemon.DaemonStats local() {
                int n = calls.getAndIncrement();
                // 500 ms of CPU per second of wall time
                return new om.api.daemon.DaemonStats("n1", T.plusSeconds(n), Map.of(),
                        Map.of("web", new om.api.daemon.DaemonStats.Usage(2, 500L * n, 64L << 20)));
            }

            @Override
            public Map<String, om.api.daemon.DaemonStats> cluster(java.time.Duration timeout) {
                return Map.of("n1", local());
            }
        };
        Fakes.Store store = new Fakes.Store("web");
        om.api.select.ObjectSelector sel = Fakes.selector(store);
        OmCommandRunner runner = new OmCommandRunner(new om.shell.internal.Services(Fakes.installation("n1"), store,
                null, null, null, () -> sel, () -> daemon, () -> null, () -> null, () -> null, () -> null,
                () -> null, () -> source));
        Fakes.Call call = new Fakes.Call();
        CompletableFuture.delayedExecutor(1700, TimeUnit.MILLISECONDS).execute(() -> call.cancel.cancel("i"));
        assertEquals(0, Fakes.run(runner, call, "mon", "--stats", "--interval", "1", "--sections", "services"),
                call.err());
        String[] frames = call.out().split(java.util.regex.Pattern.quote(CLEAR));
        assertTrue(frames[1].startsWith("""
                Services             since tasks usage time mem   n1
                 web     up failover     -     2          - 64m | O^
                """), frames[1]);
        assertTrue(call.out().contains("""
                 web     up failover     -     2 50.0% 500ms 64m | O^
                """), call.out());
        Fakes.Call bad = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, bad, "mon", "--stats", "--interval", "0"));
        assertEquals("error: --interval: 0 is not between 1 and 3600 seconds\n", bad.err());
    }
}
