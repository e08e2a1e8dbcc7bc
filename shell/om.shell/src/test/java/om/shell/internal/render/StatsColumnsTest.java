package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import om.api.daemon.DaemonStats;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

class StatsColumnsTest {
    private static final Instant T = Fixture.T;

    @Test
    void objectsSumOverNodesAndUsageComesFromTwoSamples() {
        Fixture f = new Fixture("c", "n1", "n2");
        f.object("web", "flex", "n1", "n2").flex(1, 2);
        f.node("n1").instance("web", Status.UP);
        f.node("n2").instance("web", Status.UP);
        f.object("db", "failover", "n1");
        f.node("n1").instance("db", Status.DOWN);
        var data = f.build();
        Instant at = T.plus(Duration.ofMinutes(90));
        Map<String, DaemonStats> before = Map.of(
                "n1", new DaemonStats("n1", at.minusSeconds(3), Map.of("monitor", new DaemonStats.Usage(0, 1000, 0)),
                        Map.of("web", new DaemonStats.Usage(2, 1000, 100L << 20))),
                "n2", new DaemonStats("n2", at.minusSeconds(3), Map.of(),
                        Map.of("web", new DaemonStats.Usage(1, 500, 20L << 20))));
        Map<String, DaemonStats> now = Map.of(
                "n1", new DaemonStats("n1", at, Map.of("monitor", new DaemonStats.Usage(0, 1300, 0)),
                        Map.of("web", new DaemonStats.Usage(2, 2500, 100L << 20))),
                "n2", new DaemonStats("n2", at, Map.of(), Map.of("web", new DaemonStats.Usage(1, 800, 20L << 20))));
        StatsColumns first = new StatsColumns(data, "n1", now, null, at);
        assertEquals(List.of("1h", "3", "", "3.3s", "120m"), first.object("web"));
        // n1 used 1.5 s and n2 0.3 s of CPU in 3 s: 50% + 10%
        StatsColumns next = new StatsColumns(data, "n1", now, before, at);
        assertEquals(List.of("1h", "3", "60.0%", "3.3s", "120m"), next.object("web"));
        // a down instance has no uptime, no process: dashes
        assertEquals(List.of("-", "-", "-", "-", "-"), next.object("db"));
        assertEquals(List.of("1h", "-", "10.0%", "1.3s", "-"), next.thread("monitor"));
        assertEquals(List.of("1h", "-", "", "1.3s", "-"), first.thread("monitor"));
    }

    @Test
    void formats() {
        assertEquals("45s", StatsColumns.age(Duration.ofSeconds(45)));
        assertEquals("2d", StatsColumns.age(Duration.ofHours(50)));
        assertEquals("4m05s", StatsColumns.cpu(245_000));
        assertEquals("2h10m", StatsColumns.cpu(7_800_000));
        assertEquals("-", StatsColumns.cpu(0));
        assertEquals("40ms", StatsColumns.cpu(40));
        assertEquals("512k", StatsColumns.mem(512 * 1024));
        assertEquals("12.5g", StatsColumns.mem(12_800L << 20));
        assertEquals("-", StatsColumns.pct(0));
    }
}
