package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

/** print status with the daemon up: the local instance gets the daemon's sync#i0 (config replication). */
class PrintStatusSyncTest {
    private static final Instant T = Instant.parse("2025-01-10T09:12:03.123Z");

    private static InstanceStatus inst(Map<String, ResourceStatus> resources, Status overall) {
        return new InstanceStatus("web", "n1", "svc", "failover", "no", Status.UP, overall, Status.NA, "true", false,
                null, T, null, List.of(), resources, 0);
    }

    private static ResourceStatus res(String rid, String type, Status s, List<LogEntry> log) {
        return new ResourceStatus(rid, type, rid, s, "true", false, false, type.startsWith("sync"), false, false,
                false, false, 0, -1, null, List.of(), log);
    }

    @Test
    void theDaemonsSyncIsAddedAndCountsInOverall() {
        ResourceStatus app = res("app#0", "app.simple", Status.UP, List.of());
        ResourceStatus sync = res("sync#i0", "sync.i0", Status.WARN,
                List.of(new LogEntry(Level.WARN, "need update: n2")));
        InstanceStatus local = inst(Map.of("app#0", app), Status.UP);
        InstanceStatus daemon = inst(Map.of("app#0", app, "sync#i0", sync), Status.WARN);
        InstanceStatus shown = PrintStatusVerb.withSync(local, daemon);
        assertEquals(List.of("app#0", "sync#i0"), List.copyOf(shown.resources().keySet()));
        assertEquals(sync, shown.resources().get("sync#i0"));
        assertEquals(Status.WARN, shown.overall());
        assertEquals(Status.UP, shown.avail(), "an accessory: not in avail");
        assertSame(local, PrintStatusVerb.withSync(local, null), "no daemon data: unchanged");
        assertSame(local, PrintStatusVerb.withSync(local, local), "no sync#i0 in the daemon's: unchanged");
    }
}
