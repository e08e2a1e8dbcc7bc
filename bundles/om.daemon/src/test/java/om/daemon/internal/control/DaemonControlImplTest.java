package om.daemon.internal.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        DaemonControlImpl control = new DaemonControlImpl(installation(), null, null, () -> { }, clock);
        control.deactivate();
        assertEquals(List.of("2026-01-02 03:04:05,000 INFO n:n1 c:daemon | daemon started",
                "2026-01-02 03:04:05,000 INFO n:n1 c:daemon | daemon stopped"),
                Files.readAllLines(root.resolve("log/node.log")));
    }
}
