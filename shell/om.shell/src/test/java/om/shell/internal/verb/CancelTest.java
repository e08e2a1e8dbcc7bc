package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import om.api.ObjectPath;
import om.api.cli.DaemonControl;
import om.log.api.LogLine;
import om.log.api.LogReader;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import org.junit.jupiter.api.Test;

/** Ctrl-C on the loops that run until interrupted: the invocation is cancelled, the verb returns 0. */
class CancelTest {
    private static void cancelSoon(Fakes.Call call) {
        CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> call.cancel.cancel("interrupted"));
    }

    @Test
    void logsFollowStopsWhenCancelled() {
        AtomicInteger open = new AtomicInteger();
        LogReader reader = new LogReader() {
            @Override
            public List<LogLine> read(ObjectPath path, Instant since) {
                return List.of();
            }

            @Override
            public Follow follow(ObjectPath path, Instant since, java.util.function.Consumer<LogLine> callback) {
                open.incrementAndGet();
                return open::decrementAndGet;
            }
        };
        Fakes.Store store = new Fakes.Store("web1", "web2");
        OmCommandRunner runner = new OmCommandRunner(Fakes.services("n1", store, null, reader));
        Fakes.Call call = new Fakes.Call();
        cancelSoon(call);
        int rc = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Fakes.run(runner, call, "**", "logs",
                "--follow"));
        assertEquals(0, rc, call.err());
        assertEquals(0, open.get(), "every follow closed");
        Fakes.Call node = new Fakes.Call();
        cancelSoon(node);
        assertEquals(0, assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Fakes.run(runner, node, "node",
                "logs", "--follow")));
    }

    @Test
    void monWatchStopsWhenCancelled() {
        DaemonControl daemon = new om.shell.internal.FakeDaemon();
        OmCommandRunner runner = new OmCommandRunner(Fakes.services("n1", new Fakes.Store(), daemon, null));
        for (String option : List.of("--watch", "--stats")) {
            Fakes.Call call = new Fakes.Call();
            cancelSoon(call);
            int rc = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Fakes.run(runner, call, "mon", option));
            assertEquals(0, rc, call.err());
            assertTrue(call.out().startsWith("\u001b[H\u001b[2J"), call.out());
        }
    }
}
