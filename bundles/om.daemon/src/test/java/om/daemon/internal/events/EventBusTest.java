package om.daemon.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.NodeMonitor;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private static DaemonEvent event(int i) {
        return new DaemonEvent.NodeMonitorUpdated(Instant.ofEpochSecond(i), "n1",
                new NodeMonitor("idle", "none", Instant.EPOCH));
    }

    @Test
    void aSlowSubscriberLosesEventsIsToldAndNeverBlocksThePublisher() {
        EventBus bus = new EventBus("n1", Clock.systemUTC());
        DaemonEvents.Subscription slow = bus.subscribe(2);
        DaemonEvents.Subscription fast = bus.subscribe(100);
        long t0 = System.nanoTime();
        for (int i = 0; i < 10; i++) {
            bus.publish(event(i));
        }
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(1).toNanos());
        DaemonEvent first = slow.poll(Duration.ZERO);
        DaemonEvent.EventsLost lost = assertInstanceOf(DaemonEvent.EventsLost.class, first);
        assertEquals(8L, lost.data());
        assertEquals("EventsLost", lost.kind());
        assertEquals(Instant.ofEpochSecond(0), slow.poll(Duration.ZERO).at());
        assertEquals(Instant.ofEpochSecond(1), slow.poll(Duration.ZERO).at());
        assertNull(slow.poll(Duration.ofMillis(10)));
        for (int i = 0; i < 10; i++) {
            assertEquals(Instant.ofEpochSecond(i), fast.poll(Duration.ZERO).at());
        }
    }

    @Test
    void aClosedSubscriptionReceivesNothing() {
        EventBus bus = new EventBus("n1", Clock.systemUTC());
        DaemonEvents.Subscription s = bus.subscribe(10);
        s.close();
        bus.publish(event(1));
        assertEquals(0, bus.subscriberCount());
        assertNull(s.poll(Duration.ZERO));
    }
}
