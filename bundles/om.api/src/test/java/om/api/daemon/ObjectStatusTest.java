package om.api.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

class ObjectStatusTest {
    static InstanceStatus instance(String node, Status avail) {
        return new InstanceStatus("web", node, "svc", "failover", "no", avail, avail, Status.NA, "true", false,
                null, Instant.EPOCH, null, List.of(), Map.of(), 0);
    }

    static final ObjectStatus.Facts FAILOVER = new ObjectStatus.Facts("failover", "no", "nodes order", 1, 1, 1,
            List.of("n1", "n2"));

    @Test
    void upOnTheLeaderIsOptimalUpOnANonLeaderIsAPlacementAlert() {
        ObjectStatus ok = ObjectStatus.of(List.of(new ObjectStatus.Instance(instance("n1", Status.UP), true),
                new ObjectStatus.Instance(instance("n2", Status.DOWN), false)), FAILOVER);
        assertEquals("optimal", ok.placement());
        assertEquals(Status.UP, ok.avail());
        assertEquals(1, ok.upInstances());
        ObjectStatus alert = ObjectStatus.of(List.of(new ObjectStatus.Instance(instance("n1", Status.DOWN), true),
                new ObjectStatus.Instance(instance("n2", Status.UP), false)), FAILOVER);
        assertEquals("non-optimal", alert.placement());
    }

    @Test
    void oneInstanceNeverRaisesAnAlert() {
        assertEquals("n/a", ObjectStatus.of(List.of(new ObjectStatus.Instance(instance("n1", Status.UP), false)),
                FAILOVER).placement());
    }

    @Test
    void scoreFollowsTheSpecFormula() {
        // (100/max(0.4,1) + 100 + 71 + 2*(100+100)) / 7 = 671/7 = 95
        assertEquals(95, NodeStats.score(0.4, 71, 100));
        // (100/2 + 100 + 50 + 2*(100+0)) / 7 = 400/7 = 57
        assertEquals(57, NodeStats.score(2.0, 50, 0));
        // (100/3 + 100 + 10 + 2*(100+50)) / 7 = 443.33/7 = 63
        assertEquals(63, NodeStats.score(3.0, 10, 50));
    }
}
