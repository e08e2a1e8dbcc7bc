package om.daemon.internal.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeMap;
import java.util.stream.Stream;
import om.api.io.AtomicFile;

/**
 * The tombstones of deleted objects: a file {@code var/deleted/<canonical path>} (nested folders for
 * {@code ns/kind/name}) whose mtime is the deletion time, written by {@code om <path> delete}. The node data
 * carries those of the last {@link #KEPT} ({@code services.deleted}) so that config replication does not bring a
 * deleted object back from a peer that still had it.
 */
final class Tombstones {
    static final Duration KEPT = Duration.ofDays(7);

    private Tombstones() {
    }

    /**
     * Canonical path -> deletion time of the tombstones under {@code dir} newer than {@code now - KEPT}; empty
     * when there is no folder.
     *
     * @throws UncheckedIOException when the folder cannot be read (keep what was read before)
     */
    static TreeMap<String, Instant> read(Path dir, Instant now) {
        TreeMap<String, Instant> found = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        Instant horizon = now.minus(KEPT);
        // ns/kind/name: three levels at most
        try (Stream<Path> files = Files.walk(dir, 3)) {
            files.forEach(f -> {
                try {
                    // a tombstone being written (AtomicFile's .<name>.<pid>.<n>.tmp) is not a deleted object
                    if (Files.isRegularFile(f) && !AtomicFile.isTemporary(f.getFileName().toString())) {
                        Instant at = Files.getLastModifiedTime(f).toInstant();
                        if (at.isAfter(horizon)) {
                            found.put(dir.relativize(f).toString().replace(java.io.File.separatorChar, '/'), at);
                        }
                    }
                } catch (IOException e) {
                    // removed while walking: not a tombstone any more
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
