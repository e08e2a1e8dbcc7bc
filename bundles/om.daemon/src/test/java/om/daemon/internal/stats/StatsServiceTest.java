package om.daemon.internal.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import om.api.cli.DaemonControl;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStats;
import om.api.daemon.DaemonStatus;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsServiceTest {
    private static final Instant T = Instant.parse("2025-01-10T09:12:03.123Z");

    private static DaemonControl daemon(String... objects) {
        Map<String, ObjectStatus> obj = new java.util.TreeMap<>();
        for (String o : objects) {
            obj.put(o, new ObjectStatus(Status.UP, Status.UP, "n/a", "unfrozen", "true", "failover", "ha", 1, 1, 1, 1,
                    List.of("n1")));
        }
        NodeData nd = new NodeData(new NodeMonitor("idle", "none", T), false, null, T, Map.of(), NodeStats.UNKNOWN,
                Map.of(), Map.of(), Map.of());
        DaemonStatus ds = new DaemonStatus(new ClusterIdentity("c", "", List.of("n1", "n2"), false),
                Map.of("monitor", new ThreadStatus("running", T, List.of())), Map.of("n1", nd, "n2", nd), obj);
        return new DaemonControl() {
            @Override
            public DaemonStatus status() {
                return ds;
            }

            @Override
            public DaemonEvents events() {
                return null;
            }

            @Override
            public void stop() {
            }
        };
    }

    private static void pid(Path proc, int pid, String env, long utime, long stime, long rss) throws Exception {
        Path d = Files.createDirectories(proc.resolve(Integer.toString(pid)));
        Files.write(d.resolve("environ"), env.replace(' ', '\0').getBytes(StandardCharsets.UTF_8));
        // the command name holds a space and a parenthesis: fields are read after the last ')'
        Files.writeString(d.resolve("stat"), pid + " (my app) x) S 1 1 1 0 -1 4194560 100 0 0 0 " + utime + " "
                + stime + " 0 0 20 0 1 0 12345 1000000 " + rss + " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 "
                + "0 0 0 0 0 0\n");
    }

    @Test
    void objectsSumTheirProcessesFoundByTheirEnvironment(@TempDir Path proc) throws Exception {
        pid(proc, 10, "HOME=/root OPENSVC_PATH=web OPENSVC_RID=app#0", 150, 50, 100);
        pid(proc, 11, "OPENSVC_PATH=web", 1, 1, 10);
        pid(proc, 12, "OPENSVC_PATH=deleted", 1, 1, 10);
        pid(proc, 13, "PATH=/bin", 999, 999, 999);
        Files.createDirectories(proc.resolve("self"));
        Files.createDirectories(proc.resolve("14"));
        StatsService s = new StatsService("n1", daemon("web", "db"), proc, Clock.fixed(T, ZoneOffset.UTC), null);
        DaemonStats st = s.local();
        assertEquals("n1", st.node());
        assertEquals(T, st.at());
        assertEquals(Map.of("web", new DaemonStats.Usage(2, 2020, 110 * 4096)), st.objects());
        assertEquals(Map.of("n1", st), s.cluster(Duration.ofSeconds(1)));
    }

    @Test
    void peersFiguresJoinWhenTheirClientIsThere(@TempDir Path proc) {
        DaemonStats n2 = new DaemonStats("n2", T, Map.of(), Map.of("web", new DaemonStats.Usage(1, 5, 5)));
        StatsService s = new StatsService("n1", daemon("web"), proc, Clock.fixed(T, ZoneOffset.UTC),
                (nodes, timeout) -> {
                    assertEquals(List.of("n2"), List.copyOf(nodes));
                    return Map.of("n2", n2);
                });
        Map<String, DaemonStats> all = s.cluster(Duration.ofSeconds(1));
        assertEquals(List.of("n1", "n2"), List.copyOf(all.keySet()));
        assertEquals(n2, all.get("n2"));
        StatsService failing = new StatsService("n1", daemon("web"), proc, Clock.fixed(T, ZoneOffset.UTC),
                (nodes, timeout) -> {
                    throw new IllegalStateException("connection refused");
                });
        assertEquals(List.of("n1"), List.copyOf(failing.cluster(Duration.ofSeconds(1)).keySet()));
    }

    /** A real process started with OPENSVC_PATH is found in the real /proc. */
    @Test
    void aRealProcessIsFound() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sleep", "30");
        pb.environment().put("OPENSVC_PATH", "ns1/svc/statstest");
        Process p = pb.start();
        try {
            DaemonStats.Usage u = new ProcessFigures(Path.of("/proc")).scan().get("ns1/svc/statstest");
            assertEquals(1, u.tasks());
            assertTrue(u.rssBytes() > 0, u.toString());
        } finally {
            p.destroy();
        }
    }

    @Test
    void threadRows() {
        List<String> rows = List.of("listener", "monitor", "scheduler", "hb#1.rx");
        assertEquals("monitor", ThreadFigures.rowOf("monitor-eval-1", rows));
        assertEquals("monitor", ThreadFigures.rowOf("monitor", rows));
        assertEquals("listener", ThreadFigures.rowOf("om-bridge-12", rows));
        assertEquals("hb#1.rx", ThreadFigures.rowOf("hb#1.rx", rows));
        assertNull(ThreadFigures.rowOf("monitoring", rows));
        assertNull(ThreadFigures.rowOf("main", rows));
        assertTrue(new ThreadFigures().scan(List.of("main")).get("main").cpuMillis() >= 0);
    }
}
