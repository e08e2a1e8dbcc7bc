package om.api.daemon;

import java.time.Duration;

/**
 * The daemon's event stream. Publishing never waits on a subscriber: each has a bounded queue, and a subscriber
 * that falls behind loses the events that do not fit and is told with an {@link DaemonEvent.EventsLost}.
 */
public interface DaemonEvents {
    /** A new subscription receiving every event published from now on; close it when done. */
    Subscription subscribe(int capacity);

    /** One subscriber's queue. */
    interface Subscription extends AutoCloseable {
        /**
         * The next event, waiting at most {@code timeout}; null when none came. After a loss, an
         * {@link DaemonEvent.EventsLost} comes first.
         */
        DaemonEvent poll(Duration timeout);

        /** Stops the delivery; events queued are dropped. */
        @Override
        void close();
    }
}
