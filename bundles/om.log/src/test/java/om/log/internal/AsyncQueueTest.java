package om.log.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.api.SinkHealth;
import org.junit.jupiter.api.Test;

/** Foundations of issue 8: logging off the caller's thread, bounded, with counted drops, flushed on demand. */
class AsyncQueueTest {
    private static LogEvent event(int i) {
        return new LogEvent(Instant.now(), Level.INFO, "n1", null, null, null, "line " + i);
    }

    /** A sink that blocks until released, like a full disk or a hung syslog. */
    private static final class Stuck implements LogSink {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void accept(LogEvent event) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(event.message());
        }

        @Override
        public SinkHealth health() {
            return new SinkCounters("stuck", Clock.systemUTC()).snapshot(true, 0);
        }
    }

    private static SinkHealth asyncHealth(Multiplexer m) {
        return m.health().stream().filter(h -> h.sink().equals(AsyncQueue.SINK)).findFirst().orElseThrow();
    }

    @Test
    void aStuckSinkNeitherBlocksTheCallerNorGrowsTheQueue() {
        Stuck sink = new Stuck();
        Multiplexer m = new Multiplexer(List.of(sink));
        int extra = 25;
        long start = System.nanoTime();
        for (int i = 0; i < AsyncQueue.CAPACITY + 1 + extra; i++) {
            m.async().log(event(i)); // the writer holds one event in the stuck sink, the queue CAPACITY
        }
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "the caller never waited on the sink");
        SinkHealth h = asyncHealth(m);
        assertTrue(h.dropped() >= extra && h.dropped() <= extra + 1, h.toString());
        assertTrue(h.pending() <= AsyncQueue.CAPACITY, h.toString());
        assertFalse(h.healthy());

        sink.release.countDown();
        m.flush();
        assertEquals(AsyncQueue.CAPACITY + 1 + extra - h.dropped(), sink.seen.size());
        assertEquals("line 0", sink.seen.get(0), "in order");
        assertEquals(0, asyncHealth(m).pending());
    }

    @Test
    void flushWaitsForWhatWasQueuedBefore() {
        Stuck sink = new Stuck();
        sink.release.countDown();
        Multiplexer m = new Multiplexer(List.of(sink));
        for (int i = 0; i < 500; i++) {
            m.async().log(event(i));
        }
        m.flush();
        assertEquals(500, sink.seen.size(), "every line is written when a CLI action returns");
        assertEquals(500, asyncHealth(m).written());
        assertEquals(0, asyncHealth(m).dropped());
    }

    @Test
    void theSynchronousEntryStaysSynchronous() {
        Stuck sink = new Stuck();
        sink.release.countDown();
        Multiplexer m = new Multiplexer(List.of(sink));
        m.log(event(1));
        assertEquals(List.of("line 1"), sink.seen);
    }
}
