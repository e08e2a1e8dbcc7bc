package om.core.internal.driver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Marks a task resource as running ({@code om <path> run}) so that every process sees it: one file per run in
 * {@code <vardir>/<rid>/running/}, named {@code <pid>-<uuid>} and holding the process start time. Files, not
 * one shared file, so concurrent runs (threads or processes) never rewrite each other's marker; the pid and
 * start time let a reader ignore the marker of a process that died without removing it.
 */
public final class RunningMarker {
    public static final String DIR = "running";
    /** Process start times read twice may differ by rounding. */
    private static final long START_TOLERANCE_MS = 1000;

    private RunningMarker() {
    }

    /** A marker held by this process; closing removes it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks the resource as running in this process until the returned marker is closed. */
    public static Held mark(Path ridDir) throws IOException {
        Path dir = ridDir.resolve(DIR);
        Files.createDirectories(dir);
        ProcessHandle self = ProcessHandle.current();
        Path file = dir.resolve(self.pid() + "-" + UUID.randomUUID());
        String start = self.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("");
        Files.writeString(file, start + "\n", StandardCharsets.UTF_8);
        return () -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a leftover marker of a finished process is ignored by readers once the process is gone
            }
        };
    }

    /** Whether a live process has marked the resource as running. */
    public static boolean isRunning(Path ridDir) {
        Path dir = ridDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (live(f)) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static boolean live(Path marker) {
        String name = marker.getFileName().toString();
        int dash = name.indexOf('-');
        long pid;
        try {
            pid = Long.parseLong(dash < 0 ? name : name.substring(0, dash));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> started = p.get().info().startInstant();
        String written;
        try {
            written = Files.readString(marker, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // removed while reading: the run just ended
            return false;
        }
        if (started.isEmpty() || written.isEmpty()) {
            return true;
        }
        try {
            // the pid may have been reused by a process started later than the marker's writer
            return Math.abs(Long.parseLong(written) - started.get().toEpochMilli()) <= START_TOLERANCE_MS;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
