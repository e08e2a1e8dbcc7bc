package om.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.config.KeywordChange;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.core.internal.action.ObjectLocks;
import om.core.internal.keywords.FakeRegistry;
import om.core.internal.node.InstallationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8 item 2: every config write is a read-modify-write under the config lock; delete takes the action lock. */
class ConfigWritesConcurrencyTest {
    @TempDir
    Path root;

    private final FakeRegistry drivers = FakeRegistry.standard();

    private ObjectStoreImpl store() {
        return new ObjectStoreImpl(new InstallationImpl(root, "n1"), drivers);
    }

    private static ObjectPath p(String s) {
        return ObjectPath.parse(s);
    }

    private static KeywordChange set(String key, String value) {
        return new KeywordChange("env", key, null, value);
    }

    /** Regression: 20 parallel `set --kw env.k<i>=v<i>` all succeeded and only 1 to 3 keys survived. */
    @Test
    void twentyConcurrentSetsAreAllKept() throws Exception {
        ObjectStoreImpl first = store();
        first.install(p("web"), "[DEFAULT]\nnodes = n1\n");
        int n = 20;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                // a store per thread as well as a shared one: the lock is per file, not per store instance
                ObjectStoreImpl s = k % 2 == 0 ? first : store();
                done.add(pool.submit(() -> {
                    start.await();
                    s.change(p("web"), List.of(set("k" + k, "v" + k)));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        ObjectConfig c = store().load(p("web")).orElseThrow();
        for (int i = 0; i < n; i++) {
            assertEquals("v" + i, c.get("env", "k" + i).orElse(null), "env.k" + i + " lost in\n"
                    + Files.readString(c.file()));
        }
    }

    /** The same with another JVM writing the same file: the OS lock keeps the processes apart. */
    @Test
    void writesFromAnotherProcessAreKept() throws Exception {
        ObjectStoreImpl s = store();
        s.install(p("web"), "[DEFAULT]\nnodes = n1\n");
        int n = 15;
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ConfigWriterMain.class.getName(), root.toString(), "web", "o", Integer.toString(n))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", r.readLine());
            OutputStream go = other.getOutputStream();
            go.write('\n');
            go.flush();
            for (int i = 0; i < n; i++) {
                s.change(p("web"), List.of(set("t" + i, "v" + i)));
            }
            assertEquals("done", r.readLine());
            assertTrue(other.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, other.exitValue());
        } finally {
            other.destroyForcibly();
        }
        ObjectConfig c = store().load(p("web")).orElseThrow();
        for (int i = 0; i < n; i++) {
            assertEquals("v" + i, c.get("env", "t" + i).orElse(null), "this JVM's env.t" + i);
            assertEquals("v" + i, c.get("env", "o" + i).orElse(null), "the other JVM's env.o" + i);
        }
    }

    /** Regression: delete during a running start removed the config and the var dir under the action. */
    @Test
    void deleteRefusesWhileAnActionHoldsTheLockAndWaitsWhenAsked() throws Exception {
        ObjectStoreImpl s = store();
        s.install(p("web"), "[DEFAULT]\nnodes = n1\n");
        Path varDir = root.resolve("var/svc/web");
        Path lock = varDir.resolve(ObjectLocks.ACTION_LOCK_FILE);
        ObjectLocks engine = new ObjectLocks();
        ObjectLocks.Held held = engine.acquire(lock, "web", "start", "sid-1", Duration.ofSeconds(1));
        try {
            OmException e = assertThrows(OmException.class, () -> s.delete(p("web")));
            assertEquals("web: timed out waiting for lock (held by start, pid " + ProcessHandle.current().pid() + ")",
                    e.getMessage());
            assertTrue(s.exists(p("web")), "the config stays");
            assertTrue(Files.exists(lock), "the lock file stays");
        } finally {
            held.close();
        }
        // with a wait (--waitlock), delete goes through once the action released the lock
        ObjectLocks.Held again = engine.acquire(lock, "web", "start", "sid-2", Duration.ofSeconds(1));
        CountDownLatch waiting = new CountDownLatch(1);
        Thread releaser = new Thread(() -> {
            try {
                waiting.await();
                Thread.sleep(300);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            again.close();
        });
        releaser.start();
        waiting.countDown();
        s.delete(p("web"), Duration.ofSeconds(20));
        releaser.join();
        assertFalse(s.exists(p("web")));
        assertFalse(Files.exists(varDir));
    }

    /** A process holding the action lock keeps delete out too (the OS lock). */
    @Test
    void deleteRefusesWhileAnotherProcessHoldsTheActionLock() throws Exception {
        ObjectStoreImpl s = store();
        s.install(p("web"), "[DEFAULT]\nnodes = n1\n");
        Path lock = root.resolve("var/svc/web").resolve(ObjectLocks.ACTION_LOCK_FILE);
        Files.createDirectories(lock.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "om.core.internal.action.LockHolderMain", lock.toString(), "20000").redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", r.readLine());
            OmException e = assertThrows(OmException.class, () -> s.delete(p("web")));
            assertEquals("web: timed out waiting for lock (held by stop, pid " + other.pid() + ")", e.getMessage());
            assertTrue(s.exists(p("web")));
        } finally {
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        s.delete(p("web"));
        assertFalse(s.exists(p("web")));
    }

    /** Regression (item 16): killed writers left etc/.<name>.conf.*.tmp files forever. */
    @Test
    void temporariesOfDeadWritersAreCleanedAtTheNextWriteAndStart() throws Exception {
        ObjectStoreImpl s = store();
        s.install(p("web"), "[DEFAULT]\nnodes = n1\n");
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Process alive = new ProcessBuilder("sleep", "30").start();
        try {
            Path etc = root.resolve("etc");
            Path deadTmp = etc.resolve(".web.conf." + dead.pid() + ".1.tmp");
            Path legacyTmp = etc.resolve(".web.conf.8412345678901234567.tmp");
            Path liveTmp = etc.resolve(".web.conf." + alive.pid() + ".1.tmp");
            for (Path t : List.of(deadTmp, legacyTmp, liveTmp)) {
                Files.writeString(t, "half");
            }
            s.change(p("web"), List.of(set("a", "1")));
            assertFalse(Files.exists(deadTmp), "a dead writer's temporary goes at the next write");
            assertFalse(Files.exists(legacyTmp), "so does one of the earlier random names");
            assertTrue(Files.exists(liveTmp), "a live writer's temporary stays");

            Path nsTmp = etc.resolve("namespaces/ns1/svc/.other.conf." + dead.pid() + ".7.tmp");
            Files.createDirectories(nsTmp.getParent());
            Files.writeString(nsTmp, "half");
            store().list();
            assertFalse(Files.exists(nsTmp), "and at the next start's listing, for any config");
            assertTrue(Files.exists(liveTmp));
        } finally {
            alive.destroyForcibly();
        }
    }

    @Test
    void writesAreMode0600AndLeaveNoTemporary() throws IOException {
        ObjectStoreImpl s = store();
        s.install(p("ns1/svc/web"), "[DEFAULT]\nnodes = n1\n");
        s.change(p("ns1/svc/web"), List.of(set("a", "1")));
        Path f = root.resolve("etc/namespaces/ns1/svc/web.conf");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (var l = Files.list(f.getParent())) {
            assertEquals(List.of("web.conf"), l.map(x -> x.getFileName().toString()).toList());
        }
    }

    /** Issue 8 item 12: the config checksum the dataset carries, of the bytes the config was evaluated from. */
    @Test
    void checksumIsTheSha256OfTheFileAndFollowsIt() throws IOException {
        ObjectStoreImpl s = store();
        s.install(p("web"), "[DEFAULT]\nnodes = n1\n");
        ObjectConfig c = s.load(p("web")).orElseThrow();
        Path f = root.resolve("etc/web.conf");
        assertEquals(Values.sha256(Files.readAllBytes(f)), c.checksum());
        assertTrue(c.checksum().matches("[0-9a-f]{64}"));
        s.change(p("web"), List.of(set("a", "1")));
        String after = s.load(p("web")).orElseThrow().checksum();
        assertFalse(after.equals(c.checksum()));
        assertEquals(Values.sha256(Files.readAllBytes(f)), after);
    }
}
