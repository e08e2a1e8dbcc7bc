package om.daemon.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClusterDataTest {
    /** What a peer says it applied of our data comes from every message, a ping included (no data change). */
    @Test
    void appliedFollowsThePeersWordOnEveryMessage() {
        AtomicLong nanos = new AtomicLong(1_000);
        Hub hub = new Hub("n1", Clock.systemUTC(), nanos::get);
        ClusterData data = new ClusterData("n1", hub, Clock.systemUTC(), nanos::get, e -> { });
        assertEquals(Map.of(), data.applied());
        Instant t = Instant.parse("2026-12-03T07:00:00Z");
        data.apply(new Message(Message.PING, Message.COMPAT, "n2", t, Map.of("n1", 7L, "n2", 3L), new java.util.TreeMap<>(), null,
                null));
        assertEquals(Map.of("n2", 7L), data.applied());
        data.apply(new Message(Message.PING, Message.COMPAT, "n2", t.plusSeconds(1), Map.of("n1", 9L, "n2", 3L),
                new java.util.TreeMap<>(), null, null));
        assertEquals(Map.of("n2", 9L), data.applied());
        // a peer that restarted and holds none of our data says 0
        data.apply(new Message(Message.PING, Message.COMPAT, "n2", t.plusSeconds(2), Map.of("n2", 1L), new java.util.TreeMap<>(),
                null, null));
        assertEquals(Map.of("n2", 0L), data.applied());
    }
}
