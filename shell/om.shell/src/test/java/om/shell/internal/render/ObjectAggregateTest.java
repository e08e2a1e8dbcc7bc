package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

class ObjectAggregateTest {
    @Test
    void failoverAndFlexRules() {
        assertEquals(Status.NA, ObjectAggregate.combine(List.of(Status.NA, Status.UNDEF), "failover", 1, 2));
        assertEquals(Status.WARN, ObjectAggregate.combine(List.of(Status.UP, Status.WARN), "failover", 1, 2));
        assertEquals(Status.DOWN, ObjectAggregate.combine(List.of(Status.DOWN, Status.NA), "failover", 1, 2));
        assertEquals(Status.UP, ObjectAggregate.combine(List.of(Status.UP, Status.DOWN), "failover", 1, 2));
        assertEquals(Status.WARN, ObjectAggregate.combine(List.of(Status.UP, Status.UP), "failover", 1, 2));
        assertEquals(Status.UP, ObjectAggregate.combine(List.of(Status.UP, Status.UP), "flex", 1, 2));
        assertEquals(Status.WARN, ObjectAggregate.combine(List.of(Status.UP), "flex", 2, 2));
    }
}
