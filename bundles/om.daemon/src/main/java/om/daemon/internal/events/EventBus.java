package om.daemon.internal.events;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import om.api.Installation;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The daemon's event bus: the monitor publishes, subscribers ({@code om mon --watch}, later the heartbeats and
 * the API) each drain their own bounded queue. {@link #publish} never blocks: an event that does not fit in a
 * subscriber's queue is dropped for that subscriber and counted, and its next poll returns an
 * {@link DaemonEvent.EventsLost} first.
 */
@Component(service = {EventBus.class, DaemonEvents.class})
public final class EventBus implements DaemonEvents {
    /** Capacity given to a subscriber asking for less than one. */
    static final int MIN_CAPACITY = 1;

    private final CopyOnWriteArrayList<Queue> subscribers = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private final String node;

    @Activate
    public EventBus(@Reference Installation installation) {
        this(installation.nodename(), Clock.systemUTC());
    }

    public EventBus(String node, Clock clock) {
        this.node = node;
        this.clock = clock;
    }

    /** Hands the event to every subscriber; never waits. */
    public void publish(DaemonEvent event) {
        for (Queue q : subscribers) {
            q.offer(event);
        }
    }

    @Override
    public Subscription subscribe(int capacity) {
        Queue q = new Queue(Math.max(MIN_CAPACITY, capacity));
        subscribers.add(q);
        return q;
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private final class Queue implements Subscription {
        private final BlockingQueue<DaemonEvent> events;
        private final AtomicLong lost = new AtomicLong();

        Queue(int capacity) {
            this.events = new ArrayBlockingQueue<>(capacity);
        }

        void offer(DaemonEvent e) {
            if (!events.offer(e)) {
                lost.incrementAndGet();
            }
        }

        @Override
        public DaemonEvent poll(Duration timeout) {
            long n = lost.getAndSet(0);
            if (n > 0) {
                return new DaemonEvent.EventsLost(clock.instant(), node, n);
            }
            try {
                return events.poll(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public void close() {
            subscribers.remove(this);
            events.clear();
        }
    }
}
