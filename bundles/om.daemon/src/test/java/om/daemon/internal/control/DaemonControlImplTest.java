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
import java.util.Map;
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
    @SuppressWarnings("unchecked")
    void statusHasClusterListenerMonitorAndScheduler() throws IOException {
        Files.createDirectories(root.resolve("var/node"));
        Files.createFile(root.resolve("var/node/frozen"));
        Map<String, Object> status = new DaemonControlImpl(installation(), () -> { }, clock).status();
        assertEquals(List.of("cluster", "listener", "monitor", "scheduler"), List.copyOf(status.keySet()));
        Map<String, Object> cluster = (Map<String, Object>) status.get("cluster");
        assertEquals("default", cluster.get("name"));
        assertEquals(List.of("n1"), cluster.get("nodes"));
        Map<String, Object> listener = (Map<String, Object>) status.get("listener");
        assertEquals("running", listener.get("state"));
        assertEquals("2026-01-02T03:04:05.000Z", listener.get("created"));
        Map<String, Object> monitor = (Map<String, Object>) status.get("monitor");
        Map<String, Object> node = (Map<String, Object>) ((Map<String, Object>) monitor.get("nodes")).get("n1");
        assertEquals(true, node.get("frozen"));
        assertEquals("2026-01-02T03:04:05.000Z", node.get("updated_at"));
        assertEquals(Map.of(), monitor.get("services"));
        assertEquals("stopped", ((Map<String, Object>) status.get("scheduler")).get("state"));
    }

    @Test
    void stopRunsTheFrameworkStopLaterNotInline() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        DaemonControlImpl control = new DaemonControlImpl(installation(), stopped::countDown, clock);
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
        DaemonControlImpl control = new DaemonControlImpl(installation(), () -> { }, clock, events::add);
        control.deactivate();
        assertEquals(List.of(
                new LogEvent(clock.instant(), Level.INFO, "n1", null, null, null, "daemon started", null, null,
                        false, "daemon"),
                new LogEvent(clock.instant(), Level.INFO, "n1", null, null, null, "daemon stopped", null, null,
                        false, "daemon")), events);
        assertFalse(Files.exists(root.resolve("log/node.log")), "nothing writes node.log behind om.log");
    }
}
