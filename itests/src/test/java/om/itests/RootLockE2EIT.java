package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Items 4 and 18 of issue 8: one daemon per install root, held by var/omd.lock whatever its socket does. */
@ResourceLock(Serial.HOST)
class RootLockE2EIT {
    private Dist dist;

    @BeforeEach
    void setUp() throws Exception {
        dist = new Dist(Dist.newRoot("lock"), "lock1");
    }

    @AfterEach
    void tearDown() throws Exception {
        dist.stopDaemon();
        // whatever a failed assertion left running on this root, and only that
        for (long pid : daemonsOn(dist.root)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private String refusal() throws IOException {
        return "error: a daemon already runs on " + dist.root + " (pid "
                + Files.readString(dist.root.resolve("var/omd.pid")).trim() + ")\n";
    }

    @Test
    void aSecondDaemonRefusesEvenWhenTheSocketIsGone() throws Exception {
        dist.startDaemon();
        Dist.Result r = dist.omd("--daemon");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(refusal(), r.err());

        // the socket gone (as with om.shell stopped): the lock still holds, and nothing waits for a socket
        Files.delete(dist.root.resolve("var/lsnr/cli.sock"));
        long start = System.nanoTime();
        r = dist.omd("--daemon");
        assertEquals(1, r.exit(), r.toString());
        assertEquals(refusal(), r.err());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "refused at once, not after the ready timeout");
        r = dist.omd();
        assertEquals(1, r.exit(), r.toString());
        assertEquals(refusal(), r.err(), "the foreground daemon refuses too");
        assertEquals(1, daemonsOn(dist.root).size(), daemonsOn(dist.root).toString());

        // its own lines go through om.log, the one writer of node.log, the closing one too (om.log stops last);
        // without its socket, SIGTERM stops it
        ProcessHandle daemon = ProcessHandle.of(Long.parseLong(
                Files.readString(dist.root.resolve("var/omd.pid")).trim())).orElseThrow();
        daemon.destroy();
        daemon.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        String nodeLog = Files.readString(dist.root.resolve("log/node.log"));
        assertTrue(nodeLog.contains(" INFO n:lock1 c:daemon | daemon started\n"), nodeLog);
        assertTrue(nodeLog.contains(" INFO n:lock1 c:daemon | daemon stopped\n"), nodeLog);
    }

    @Test
    void fiveConcurrentStartsLeaveOneDaemon() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<Dist.Result>> starts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            boolean viaOm = i % 2 == 0;
            starts.add(pool.submit(() -> viaOm ? dist.om("daemon", "start") : dist.omd("--daemon")));
        }
        List<Dist.Result> results = new ArrayList<>();
        for (Future<Dist.Result> f : starts) {
            results.add(f.get());
        }
        pool.shutdown();
        List<Long> daemons = daemonsOn(dist.root);
        assertEquals(1, daemons.size(), "daemon JVMs on the root: " + daemons + "\n" + results);
        assertEquals(List.of(daemons.get(0)),
                List.of(Long.parseLong(Files.readString(dist.root.resolve("var/omd.pid")).trim())));
        assertTrue(results.stream().anyMatch(r -> r.exit() == 0), results.toString());
        for (Dist.Result r : results) {
            if (r.exit() != 0) {
                assertEquals(refusal(), r.err(), r.toString());
            }
        }
        assertEquals(0, dist.om("daemon", "status").exit());
    }

    /** The omd JVMs whose OM_ROOT is {@code root}: read from /proc, as a process's environment is not argv. */
    static List<Long> daemonsOn(Path root) throws IOException {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (!cmdline.contains("om.launcher.Main\0omd")) {
                        continue;
                    }
                    String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                    if (List.of(env.split("\0")).contains("OM_ROOT=" + root)) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        assertFalse(found.contains(ProcessHandle.current().pid()));
        return found;
    }
}
