package om.core.internal.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectLocksTest {
    @TempDir
    Path root;

    @Test
    void twoThreadsStartingTheSameObject() throws Exception {
        EngineFixture f = new EngineFixture(root);
        f.web1();
        f.driver("app").startDelay = Duration.ofMillis(1500);
        AtomicReference<ActionResult> first = new AtomicReference<>();
        Thread t = new Thread(() -> first.set(f.run("start", ActionOptions.defaults())));
        t.start();
        // wait until the first action is inside (it logs when a resource started)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (f.calls("start").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        ActionOptions quick = new ActionOptions(false, false, false, List.of(), null, List.of(),
                Duration.ofMillis(300));
        OmException e = assertThrows(OmException.class, () -> f.run("stop", quick));
        assertEquals("web1: timed out waiting for lock (held by start, pid " + ProcessHandle.current().pid() + ")",
                e.getMessage());
        t.join(20_000);
        assertTrue(first.get().ok());
        // released: the next action gets it
        assertTrue(f.run("stop", quick).ok());
        String owner = Files.readString(f.inst.varDir(ObjectPath.parse("web1")).resolve("lock.generic"));
        assertTrue(owner.startsWith(ProcessHandle.current().pid() + " stop "), owner);
    }

    @Test
    void aSecondWaiterGetsTheLockWhenTheFirstReleases() throws Exception {
        ObjectLocks locks = new ObjectLocks();
        Path file = root.resolve("lock.generic");
        CountDownLatch released = new CountDownLatch(1);
        ObjectLocks.Held held = locks.acquire(file, "web1", "start", "s1", Duration.ofSeconds(1));
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            held.close();
            released.countDown();
        });
        t.start();
        try (ObjectLocks.Held second = locks.acquire(file, "web1", "stop", "s2", Duration.ofSeconds(5))) {
            assertEquals(0, released.getCount());
            assertTrue(Files.readString(file).contains(" stop s2"));
        }
    }

    @Test
    void aLockHeldByAnotherProcessNamesItsHolder() throws Exception {
        Path file = root.resolve("var/svc/web1/lock.generic");
        Files.createDirectories(file.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), file.toString(), "20000").redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", r.readLine());
            ObjectLocks locks = new ObjectLocks();
            OmException e = assertThrows(OmException.class,
                    () -> locks.acquire(file, "web1", "start", "s", Duration.ofMillis(300)));
            assertEquals("web1: timed out waiting for lock (held by stop, pid " + other.pid() + ")", e.getMessage());
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // a lock held by a dead process is free: OS locks die with their holder
            try (ObjectLocks.Held h = locks.acquire(file, "web1", "start", "s", Duration.ofSeconds(5))) {
                assertTrue(Files.readString(file).startsWith(ProcessHandle.current().pid() + " start s"));
            }
        } finally {
            other.destroyForcibly();
        }
    }
}
