package om.daemon.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import om.api.Installation;
import om.api.action.LogEvent;
import om.api.status.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonControlImplTest {
    @TempDir
    Path root;

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private Installation installation() {
        return new Installation() {
            @Override
            public Path root() {
                return root;
            }

            @Override
            public String nodename() {
                return "n1";
            }
        };
    }

    @Test
    void stopRunsTheFrameworkStopLaterNotInline() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        DaemonControlImpl control = new DaemonControlImpl(installation(), null, null, stopped::countDown, clock);
        long start = System.nanoTime();
        control.stop();
        assertEquals(1, stopped.getCount(), "stop() returns before the framework stops");
        assertTrue(stopped.await(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
    }

    @Test
    void startAndStopAreLoggedInNodeLog() throws IOException {
        // node-level events of om.log's one writer of log/node.log (no object path, component daemon)
        List<LogEvent> events = new java.util.ArrayList<>();
        DaemonControlImpl control = new DaemonControlImpl(installation(), null, null, () -> { }, clock, events::add);
        control.deactivate();
        assertEquals(List.of(
                new LogEvent(clock.instant(), Level.INFO, "n1", null, null, null, "daemon started", null, null,
                        false, "daemon"),
                new LogEvent(clock.instant(), Level.INFO, "n1", null, null, null, "daemon stopped", null, null,
                        false, "daemon")), events);
        assertFalse(Files.exists(root.resolve("log/node.log")), "nothing writes node.log behind om.log");
    }
}
