package om.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * {@code var/omd.lock}: an OS lock that one daemon per install root holds for the life of its JVM. Unlike the pid
 * file and the socket, it cannot go stale: the kernel drops it when the process dies, whatever killed it, and it
 * holds while the bridge bundle is stopped. The holder writes its pid into the file, for the refusal message.
 */
final class RootLock implements AutoCloseable {
    /** How long a refused start waits for the holder to write its pid (it takes the lock first, then writes). */
    private static final long PID_WAIT_MILLIS = 2000;
    /**
     * How long a start retries the lock: {@link #holder} probes by taking the lock for an instant, which must not
     * make a start that collides with the probe give up.
     */
    private static final long ACQUIRE_RETRY_MILLIS = 500;

    /** The word a stopping daemon adds after its pid in the lock file. */
    static final String STOPPING = "stopping";
    /** How long a start waits for a stopping daemon: its bridge and engine drains, each bounded to 30 s. */
    static final java.time.Duration STOP_WAIT = java.time.Duration.ofSeconds(90);

    private final FileChannel channel;
    private final FileLock lock;

    private RootLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Refused: another live process holds the lock of this root. */
    static final class HeldException extends Exception {
        private static final long serialVersionUID = 1L;
        private final OptionalLong holder;

        HeldException(Path root, OptionalLong holder) {
            super("a daemon already runs on " + root + " (pid "
                    + (holder.isPresent() && holder.getAsLong() > 0 ? Long.toString(holder.getAsLong()) : "unknown")
                    + ")");
            this.holder = holder;
        }

        OptionalLong holder() {
            return holder;
        }
    }

    /** Takes the lock of {@code file} for this process and writes this pid into it, or refuses at once. */
    static RootLock acquire(Path file, Path root) throws IOException, HeldException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = retryLock(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new HeldException(root, awaitHolder(file));
        }
        byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
        channel.force(false);
        return new RootLock(channel, lock);
    }

    private static FileLock retryLock(FileChannel channel) throws IOException {
        long deadline = System.currentTimeMillis() + ACQUIRE_RETRY_MILLIS;
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return null; // this JVM already holds it
            }
            if (lock != null || System.currentTimeMillis() > deadline) {
                return lock;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * The pid of the process holding the lock of {@code file} (0 when it holds it but wrote no pid), if one does.
     * Never call it in the holding JVM: closing any channel of the file there drops the process's lock (POSIX).
     */
    static OptionalLong holder(Path file) {
        if (!Files.exists(file)) {
            return OptionalLong.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe;
            try {
                probe = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return readPid(file);
            }
            if (probe != null) {
                probe.release();
                return OptionalLong.empty();
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        OptionalLong pid = awaitHolder(file);
        return pid.isPresent() ? pid : OptionalLong.of(0); // held, pid not written (yet)
    }

    private static OptionalLong awaitHolder(Path file) {
        long deadline = System.currentTimeMillis() + PID_WAIT_MILLIS;
        while (true) {
            OptionalLong pid = readPid(file);
            if (pid.isPresent() || System.currentTimeMillis() > deadline) {
                return pid;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return pid;
            }
        }
    }

    private static OptionalLong readPid(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            // "<pid>" or "<pid> stopping"
            String pid = text.split("\\s+")[0];
            return pid.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(pid));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Says in the lock file that this daemon is stopping: a start that finds the root locked then waits for the
     * lock instead of refusing (a stop drains running actions for up to its bound).
     */
    void markStopping() {
        try {
            byte[] text = (ProcessHandle.current().pid() + " " + STOPPING + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
            channel.force(false);
        } catch (IOException e) {
            // a start then refuses as for a running daemon, which is what it is until it exits
        }
    }

    /** Whether the lock file says its holder is stopping. */
    static boolean stopping(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).contains(STOPPING);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits, at most {@code bound}, while a stopping daemon still holds the root; returns at once when the root
     * is free or held by a daemon that is not stopping.
     */
    static void awaitStopped(Path file, java.time.Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() - deadline < 0 && stopping(file) && holder(file).isPresent()) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Releases the lock (the JVM's exit does the same). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
