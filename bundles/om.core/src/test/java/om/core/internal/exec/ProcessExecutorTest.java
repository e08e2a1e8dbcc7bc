package om.core.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ProcessExecutorTest {
    private final ProcessExecutor executor = new ProcessExecutor(Duration.ofSeconds(5), Duration.ofSeconds(2));

    private static final class Lines implements LineSink {
        final List<String> out = new CopyOnWriteArrayList<>();
        final List<String> err = new CopyOnWriteArrayList<>();

        @Override
        public void stdout(String line) {
            out.add(line);
        }

        @Override
        public void stderr(String line) {
            err.add(line);
        }
    }

    @Test
    void outputLinesReachTheSinkAndTheResult() {
        Lines lines = new Lines();
        ExecResult r = executor.run(ExecRequest.of(List.of("sh", "-c", "echo a; echo b >&2; echo c; exit 3"),
                Duration.ofSeconds(10)), lines);
        assertEquals(3, r.exitCode());
        assertFalse(r.ok());
        assertFalse(r.timedOut());
        assertEquals(List.of("a", "c"), lines.out);
        assertEquals(List.of("b"), lines.err);
        assertEquals("a\nc\n", r.stdout());
        assertEquals("b\n", r.stderr());
        assertNotNull(r.elapsed());
    }

    @Test
    void noLoggingWhenNotAsked(@TempDir Path dir) throws IOException {
        Lines lines = new Lines();
        ExecResult r = executor.run(new ExecRequest(List.of("sh", "-c", "echo $FOO; pwd"), dir,
                Map.of("FOO", "bar"), Duration.ofSeconds(10), false), lines);
        assertTrue(r.ok());
        assertTrue(lines.out.isEmpty());
        assertEquals("bar\n" + dir.toRealPath() + "\n", r.stdout());
    }

    @Test
    void theChildLeadsItsOwnProcessGroup() {
        ExecResult r = executor.run(ExecRequest.of(List.of("sh", "-c", "echo $$; ps -o pgid= -p $$"),
                Duration.ofSeconds(10)), LineSink.NONE);
        String[] words = r.stdout().trim().split("\\s+");
        assertEquals(words[0], words[1], "pid and pgid of the child");
    }

    @Test
    void aMissingProgramIsAnErrorNotAnException() {
        ExecResult r = executor.run(ExecRequest.of(List.of("no-such-program-om"), Duration.ofSeconds(5)),
                LineSink.NONE);
        assertEquals(-1, r.exitCode());
        assertEquals("cannot run 'no-such-program-om': command not found", r.error());
        ExecResult empty = executor.run(ExecRequest.of(List.of(), Duration.ofSeconds(5)), LineSink.NONE);
        assertEquals("empty command", empty.error());
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        String marker = "987.6" + ProcessHandle.current().pid() % 1000;
        long t0 = System.nanoTime();
        ExecResult r = executor.run(ExecRequest.of(List.of("sh", "-c",
                "sleep " + marker + " & sleep " + marker), Duration.ofMillis(500)), LineSink.NONE);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(r.timedOut());
        assertEquals(-1, r.exitCode());
        assertEquals("timeout after 500ms", r.error());
        assertTrue(took.compareTo(Duration.ofSeconds(4)) < 0, "SIGTERM is enough here: " + took);
        Thread.sleep(200);
        assertEquals(List.of(), processesWith(marker));
    }

    @Test
    void sigkillFollowsWhenSigtermIsIgnored() throws Exception {
        ProcessExecutor quick = new ProcessExecutor(Duration.ofMillis(500), Duration.ofSeconds(1));
        String marker = "876.5" + ProcessHandle.current().pid() % 1000;
        ExecResult r = quick.run(ExecRequest.of(List.of("sh", "-c",
                "trap '' TERM; sleep " + marker + " & trap '' TERM; while :; do sleep 0.1; done"),
                Duration.ofMillis(300)), LineSink.NONE);
        assertTrue(r.timedOut());
        Thread.sleep(300);
        assertEquals(List.of(), processesWith(marker));
    }

    @Test
    void anInterruptNeitherStopsTheCommandNorSurvivesIt() throws Exception {
        // a rollback run by an interrupted thread must still run its commands, and its log writes must work
        AtomicReference<ExecResult> result = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            result.set(executor.run(ExecRequest.of(List.of("sh", "-c", "sleep 0.3; echo done"),
                    Duration.ofMinutes(1)), LineSink.NONE));
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        t.join(10_000);
        assertFalse(t.isAlive());
        assertEquals(0, result.get().exitCode(), String.valueOf(result.get().error()));
        assertEquals("done\n", result.get().stdout());
        assertFalse(flagAfter.get());
    }

    @Test
    void aCancelKillsTheProcessGroupAndReturnsItsReason() throws Exception {
        String marker = "765.4" + ProcessHandle.current().pid() % 1000;
        om.api.Cancellation cancel = new om.api.Cancellation();
        AtomicReference<ExecResult> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(executor.run(ExecRequest.of(List.of("sh", "-c",
                "sleep " + marker + " & sleep " + marker), Duration.ofMinutes(1)), LineSink.NONE, cancel)));
        t.start();
        Thread.sleep(300);
        long t0 = System.nanoTime();
        cancel.cancel("interrupted");
        t.join(10_000);
        assertFalse(t.isAlive());
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(4)) < 0);
        assertEquals("interrupted", result.get().error());
        assertEquals(-1, result.get().exitCode());
        Thread.sleep(200);
        assertEquals(List.of(), processesWith(marker));
        // a token already cancelled runs nothing
        ExecResult none = executor.run(ExecRequest.of(List.of("true"), Duration.ofSeconds(5)), LineSink.NONE, cancel);
        assertEquals("interrupted", none.error());
    }

    @Test
    void noThreadIsLeftBehindByChildrenKeepingThePipesOpen() throws Exception {
        String marker = "543.2" + ProcessHandle.current().pid() % 1000;
        try {
            executor.run(ExecRequest.of(List.of("true"), Duration.ofSeconds(5)), LineSink.NONE);
            int baseline = liveThreads();
            for (int i = 0; i < 5; i++) {
                ExecResult r = executor.run(ExecRequest.of(List.of("sh", "-c", "echo hi; sleep " + marker + " &"),
                        Duration.ofSeconds(20)), LineSink.NONE);
                assertEquals("hi\n", r.stdout());
            }
            assertTrue(liveThreads() <= baseline, "threads " + liveThreads() + " > " + baseline + ": "
                    + Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList());
        } finally {
            processesWith(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** Threads that are not the JDK's process reapers (a cached pool that idles out after a minute). */
    public static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> !t.getName().startsWith("process reaper")).count();
    }

    @Test
    void aDaemonKeepingThePipeOpenDoesNotBlockTheCaller() {
        String marker = "654.3" + ProcessHandle.current().pid() % 1000;
        ProcessExecutor quick = new ProcessExecutor(Duration.ofSeconds(1), Duration.ofMillis(300));
        try {
            long t0 = System.nanoTime();
            ExecResult r = quick.run(ExecRequest.of(List.of("sh", "-c", "echo hi; sleep " + marker + " &"),
                    Duration.ofSeconds(20)), LineSink.NONE);
            assertEquals(0, r.exitCode());
            assertEquals("hi\n", r.stdout());
            assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(5)) < 0);
        } finally {
            processesWith(marker).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void noLeftovers() {
        // a failed assertion must not leave test processes behind
        for (String m : List.of("987.6", "876.5", "765.4", "654.3", "543.2")) {
            processesWith(m + ProcessHandle.current().pid() % 1000)
                    .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    /** Pids whose command line contains the marker. */
    public static List<Long> processesWith(String marker) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> cmdline(p).contains(marker))
                    .map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cmdline(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
