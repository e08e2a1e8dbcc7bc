package om.core.internal.action;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import om.api.Cancellation;
import om.api.OmException;

/**
 * Action locks (orchestration.md section 10): an exclusive OS lock on a lock file, which keeps other
 * processes out, behind an in-JVM lock per file, which keeps other threads of this JVM out (OS locks belong
 * to the process, and closing any channel of the file could drop the holder's lock, so only the in-JVM
 * holder ever opens it). The file holds {@code <pid> <action> <session>} of the holder for the timeout
 * message. The in-JVM locks are shared by every instance (the engine's action locks, the store's delete and
 * config locks), since one JVM holds the OS locks of all of them.
 */
public final class ObjectLocks {
    /** The action lock of an object, in its var dir: the engine's actions and the store's delete take it. */
    public static final String ACTION_LOCK_FILE = "lock.generic";
    private static final long POLL_MS = 100;

    private static final Map<Path, JvmLock> jvmLocks = new ConcurrentHashMap<>();

    private static final class JvmLock {
        final Semaphore permit = new Semaphore(1);
        volatile String holderAction;
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes the lock, waiting at most {@code wait}.
     *
     * @param what the object path, for the timeout message
     * @throws OmException {@code <what>: timed out waiting for lock (held by <action>, pid <pid>)}
     */
    public Held acquire(Path lockFile, String what, String action, String session, Duration wait) {
        return acquire(lockFile, what, action, session, wait, Cancellation.NONE);
    }

    /**
     * Takes the lock, waiting at most {@code wait} or until {@code cancel} is cancelled. Interrupts are ignored:
     * they are no stop request (see {@link Cancellation}).
     *
     * @param session the action's session id, written in the lock file as in the action's log lines
     * @throws OmException the timeout message, or {@code <what>: <cancel reason>}
     */
    public Held acquire(Path lockFile, String what, String action, String session, Duration wait,
                        Cancellation cancel) {
        long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
        JvmLock jvm = jvmLocks.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> new JvmLock());
        while (true) {
            if (cancel.isCancelled()) {
                throw new Cancellation.CancelledException(cancel.reason());
            }
            long left = deadline - System.nanoTime();
            try {
                if (jvm.permit.tryAcquire(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MS))),
                        TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                continue;
            }
            if (deadline - System.nanoTime() <= 0) {
                String held = jvm.holderAction;
                throw timeout(what, held == null ? "unknown" : held,
                        Long.toString(ProcessHandle.current().pid()));
            }
        }
        try {
            FileLockHolder f = lockFile(lockFile, what, action, session, deadline, cancel);
            jvm.holderAction = action;
            return () -> {
                jvm.holderAction = null;
                f.release();
                jvm.permit.release();
            };
        } catch (RuntimeException e) {
            jvm.permit.release();
            throw e;
        }
    }

    private record FileLockHolder(FileChannel channel, FileLock lock) {
        void release() {
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel below releases it too
            }
            try {
                channel.close();
            } catch (IOException e) {
                // nothing more to release
            }
        }
    }

    private static FileLockHolder lockFile(Path file, String what, String action, String session, long deadline,
                                           Cancellation cancel) {
        FileChannel ch;
        try {
            Files.createDirectories(file.getParent());
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new OmException(what + ": cannot open lock file " + file + ": " + e.getMessage());
        }
        try {
            while (true) {
                // an interrupt pending on this thread would close the channel, and drop the lock, at its first use
                Thread.interrupted();
                FileLock lock = tryLock(ch);
                if (lock != null) {
                    writeOwner(ch, ProcessHandle.current().pid() + " " + action + " " + session + "\n");
                    return new FileLockHolder(ch, lock);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    String[] owner = readOwner(ch);
                    throw timeout(what, owner.length > 1 ? owner[1] : "unknown",
                            owner.length > 0 && !owner[0].isEmpty() ? owner[0] : "unknown");
                }
                if (cancel.isCancelled()) {
                    throw new Cancellation.CancelledException(cancel.reason());
                }
                try {
                    Thread.sleep(Math.min(POLL_MS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    // not a stop request; and kept set, it would close the channel at its next use
                }
            }
        } catch (IOException e) {
            close(ch);
            throw new OmException(what + ": cannot lock " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            close(ch);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by another channel of this JVM (another engine instance): same as held elsewhere
            return null;
        }
    }

    private static void writeOwner(FileChannel ch, String text) throws IOException {
        ch.truncate(0);
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long pos = 0;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
        ch.force(false);
    }

    /** {@code [pid, action, session]} as far as written. */
    private static String[] readOwner(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        long pos = 0;
        int n;
        while (b.hasRemaining() && (n = ch.read(b, pos)) > 0) {
            pos += n;
        }
        String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? new String[0] : text.split("\\s+");
    }

    private static OmException timeout(String what, String action, String pid) {
        return new OmException(what + ": timed out waiting for lock (held by " + action + ", pid " + pid + ")");
    }

    private static void close(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // nothing held yet
        }
    }
}
