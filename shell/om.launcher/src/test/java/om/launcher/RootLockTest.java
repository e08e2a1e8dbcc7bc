package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Items 4 and 18 of issue 8: one daemon per root, whatever state its socket is in. */
class RootLockTest {
    @TempDir
    Path dir;
    private Process holder;

    @AfterEach
    void killHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    private Layout layout() {
        return Layout.of(dir.resolve("dist"), Map.of("OM_ROOT", dir.toString()));
    }

    @Test
    void aSecondProcessIsRefusedWithTheHoldersPid() throws Exception {
        Layout l = layout();
        holder = LockHolder.start(l);
        RootLock.HeldException e = assertThrows(RootLock.HeldException.class,
                () -> RootLock.acquire(l.lockFile(), l.root()));
        assertEquals("a daemon already runs on " + dir + " (pid " + holder.pid() + ")", e.getMessage());
        assertEquals(OptionalLong.of(holder.pid()), RootLock.holder(l.lockFile()));
    }

    @Test
    void aKilledHolderLeavesNoLockBehind() throws Exception {
        Layout l = layout();
        holder = LockHolder.start(l);
        holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no cleanup code runs
        assertEquals(OptionalLong.empty(), RootLock.holder(l.lockFile()));
        try (RootLock lock = RootLock.acquire(l.lockFile(), l.root())) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(l.lockFile()));
        }
    }

    @Test
    void theDaemonRefusesBeforeTouchingItsStorage() throws Exception {
        Layout l = layout();
        holder = LockHolder.start(l);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = DaemonMode.run(l, false, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertEquals("error: a daemon already runs on " + dir + " (pid " + holder.pid() + ")\n",
                err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(l.var().resolve("felix-cache")));
    }

    @Test
    void detachRefusesAtOnceWhenTheRootIsHeld() throws Exception {
        Layout l = layout();
        holder = LockHolder.start(l);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code = Detach.run(l, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no wait for a socket");
        assertEquals("error: a daemon already runs on " + dir + " (pid " + holder.pid() + ")\n",
                err.toString(StandardCharsets.UTF_8));
    }
}
