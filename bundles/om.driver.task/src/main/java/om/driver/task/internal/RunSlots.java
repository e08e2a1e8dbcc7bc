package om.driver.task.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import om.api.driver.ActionException;

/**
 * Enforces {@code max_parallel} across processes: each run in progress holds a pid file in {@code <var>/run/}
 * naming the process running it (pid and start time, so a reused pid does not count). Counting and creating
 * happen under an OS file lock, so two commands started at once cannot both take the last slot. Files of dead
 * processes are removed on the way.
 */
public final class RunSlots {
    static final String LOCK = ".lock";

    // the OS file lock is per process: threads of this process serialise here first
    private final ReentrantLock threads = new ReentrantLock();

    /** A taken slot; closing it frees the slot. */
    public record Slot(Path file) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a left-over file is reclaimed by the next acquire once this process is gone
            }
        }
    }

    /** Takes a slot in {@code dir} or fails when {@code max} runs are in progress. */
    public Slot acquire(Path dir, int max) throws ActionException {
        threads.lock();
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                int live = countLive(dir);
                if (live >= max) {
                    throw new ActionException("too many running instances (" + live + ", max_parallel " + max + ")");
                }
                ProcessHandle self = ProcessHandle.current();
                Path file = dir.resolve(self.pid() + "-" + UUID.randomUUID());
                Files.writeString(file, self.pid() + " " + startMillis(self).map(String::valueOf).orElse("-") + "\n",
                        StandardCharsets.UTF_8);
                return new Slot(file);
            }
        } catch (IOException e) {
            throw new ActionException("cannot take a run slot in " + dir + ": " + e.getMessage());
        } finally {
            threads.unlock();
        }
    }

    /** Runs in progress in {@code dir}, by any process; no cleanup, no lock. */
    public static int running(Path dir) {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, RunSlots::isSlotFile)) {
            for (Path f : files) {
                if (alive(f)) {
                    n++;
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return n;
    }

    private static int countLive(Path dir) throws IOException {
        int n = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, RunSlots::isSlotFile)) {
            for (Path f : files) {
                if (alive(f)) {
                    n++;
                } else {
                    Files.deleteIfExists(f);
                }
            }
        }
        return n;
    }

    private static boolean isSlotFile(Path p) {
        return !p.getFileName().toString().startsWith(".");
    }

    /** Whether the process named by a slot file still runs (the same process, not a later one with its pid). */
    static boolean alive(Path slotFile) {
        String[] words;
        try {
            words = Files.readString(slotFile, StandardCharsets.UTF_8).strip().split("\\s+");
        } catch (IOException e) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(words[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (h.isEmpty()) {
            return false;
        }
        if (words.length < 2 || words[1].equals("-")) {
            return true;
        }
        long recorded;
        try {
            recorded = Long.parseLong(words[1]);
        } catch (NumberFormatException e) {
            return true;
        }
        Optional<Long> start = startMillis(h.get());
        // start times come from clock ticks: allow a rounding difference
        return start.isEmpty() || Math.abs(start.get() - recorded) < 2000;
    }

    static Optional<Long> startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli);
    }
}
