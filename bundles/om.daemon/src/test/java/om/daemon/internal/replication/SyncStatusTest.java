package om.daemon.internal.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

class SyncStatusTest {
    static final String P = "ns1/svc/web";
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    static NodeData has(String checksum) {
        return new NodeData(null, false, null, T, Map.of(), null, Map.of(),
                Map.of(P, new ObjectConfigSummary(List.of("n1", "n2", "n3"), checksum, T)), Map.of(), Map.of(),
                Map.of());
    }

    static ObjectConfigSummary local(List<String> scope) {
        return new ObjectConfigSummary(scope, "aaa", T);
    }

    @Test
    void aSingleNodeObjectIsNa() {
        assertEquals(new SyncStatus(Status.NA, List.of()),
                SyncStatus.of("n1", P, local(List.of("n1")), Map.of("n1", has("aaa"), "n2", has("bbb"))));
    }

    @Test
    void upWhenEveryOtherNodeOfTheScopeHasTheLocalChecksum() {
        assertEquals(new SyncStatus(Status.UP, List.of()), SyncStatus.of("n1", P, local(List.of("n1", "n2", "n3")),
                Map.of("n1", has("aaa"), "n2", has("aaa"), "n3", has("aaa"))));
    }

    @Test
    void theResourceIsAnOptionalAccessoryWithItsIssuesAsWarnings() {
        om.api.status.ResourceStatus r = new SyncStatus(Status.WARN, List.of("need update: n2")).resource();
        assertEquals("sync#i0", r.rid());
        assertEquals("sync.i0", r.type());
        assertEquals("config sync to nodes", r.label());
        assertEquals(Status.WARN, r.status());
        assertEquals(true, r.optional());
        assertEquals(List.of(new om.api.status.LogEntry(om.api.status.Level.WARN, "need update: n2")), r.log());
    }

    static om.api.status.InstanceStatus instance(Status avail) {
        om.api.status.ResourceStatus app = new om.api.status.ResourceStatus("app#0", "app.simple", "app", avail, "true",
                false, false, false, false, false, false, false, 0, -1, null, List.of(), List.of());
        return new om.api.status.InstanceStatus(P, "n1", "svc", "failover", "no", avail, avail, Status.NA, "true",
                false, null, T, null, List.of(), Map.of("app#0", app), 50);
    }

    @Test
    void theInstanceGetsSyncAmongItsAccessoriesCountedInOverallOnly() {
        om.api.status.InstanceStatus warned = new SyncStatus(Status.WARN, List.of("need update: n2"))
                .withSync(instance(Status.UP));
        assertEquals(List.of("app#0", "sync#i0"), List.copyOf(warned.resources().keySet()));
        assertEquals(Status.UP, warned.avail(), "not in avail");
        assertEquals(Status.WARN, warned.overall());
        assertEquals(Status.WARN, warned.optional());
        om.api.status.InstanceStatus fine = new SyncStatus(Status.UP, List.of()).withSync(warned);
        assertEquals(Status.UP, fine.overall(), "the sync#i0 replaced, not added twice");
        assertEquals(2, fine.resources().size());
        assertEquals(Status.DOWN, new SyncStatus(Status.NA, List.of()).withSync(instance(Status.DOWN)).overall());
    }

    @Test
    void warnNamingTheNodesThatNeedAnUpdate() {
        assertEquals(new SyncStatus(Status.WARN, List.of("need update: n2 n3")),
                SyncStatus.of("n1", P, local(List.of("n1", "n2", "n3")), Map.of("n1", has("aaa"), "n2", has("bbb"))),
                "n3 is not in the view: it has not got the config either");
    }
}
