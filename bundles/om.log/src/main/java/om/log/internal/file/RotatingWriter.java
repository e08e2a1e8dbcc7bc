package om.log.internal.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends whole lines to log files that several processes (the CLI and the daemon) write at once.
 * <ul>
 * <li>Each append opens the file with O_APPEND and hands the lines to one write() call, so a line never mixes
 * with another writer's line.</li>
 * <li>Rotation happens before a write that would take a non-empty file past {@code maxSize}, and at the first
 * write after local midnight (the file's mtime is from an earlier day of the clock). It runs under the advisory
 * lock {@code <file>.lock} and re-checks the condition once locked, so two processes never rotate twice.</li>
 * <li>A writer that opened the file just before another rotated it writes into {@code <file>.1}: the line is
 * kept whole, in the older file.</li>
 * <li>Logs may hold secrets (a password on a command line of a config): files are created 0600 and folders 0700,
 * like the configs, by the open call itself (no window where a new file is world-readable); rotation brings the
 * files of an older version to 0600.</li>
 * </ul>
 */
public final class RotatingWriter {
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<StandardOpenOption> APPEND = Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    private static final Set<StandardOpenOption> LOCK = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);

    private final Clock clock;
    private final ConcurrentHashMap<Path, Object> monitors = new ConcurrentHashMap<>();

    public RotatingWriter(Clock clock) {
        this.clock = clock;
    }

    /** Appends {@code data} (whole lines) to {@code file}, rotating first when due. */
    public void append(Path file, byte[] data, long maxSize, int keep) throws IOException {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        }
        if (rotationDue(file, data.length, maxSize)) {
            rotateLocked(file, data.length, maxSize, keep);
        }
        try (FileChannel ch = FileChannel.open(file, APPEND, PosixFilePermissions.asFileAttribute(FILE_MODE))) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                // one call for the whole buffer; a short write (disk full) leaves an error, not a silent half line
                if (ch.write(buf) == 0) {
                    throw new IOException("no space written to " + file);
                }
            }
        }
    }

    boolean rotationDue(Path file, long adding, long maxSize) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (a.size() == 0) {
            return false;
        }
        if (a.size() + adding > maxSize) {
            return true;
        }
        LocalDate written = LocalDate.ofInstant(a.lastModifiedTime().toInstant(), clock.getZone());
        return written.isBefore(LocalDate.now(clock));
    }

    private void rotateLocked(Path file, long adding, long maxSize, int keep) throws IOException {
        Object monitor = monitors.computeIfAbsent(file, f -> new Object());
        synchronized (monitor) {
            try (FileChannel lockChannel = FileChannel.open(LogFiles.lock(file), LOCK,
                    PosixFilePermissions.asFileAttribute(FILE_MODE));
                 FileLock lock = lockChannel.lock()) {
                if (rotationDue(file, adding, maxSize)) {
                    rotate(file, keep);
                }
            } catch (OverlappingFileLockException e) {
                // another writer object of this JVM holds the lock and is rotating this very file
            }
        }
    }

    private static void rotate(Path file, int keep) throws IOException {
        Files.deleteIfExists(LogFiles.rotated(file, keep));
        for (int i = keep - 1; i >= 1; i--) {
            Path from = LogFiles.rotated(file, i);
            if (Files.exists(from)) {
                Files.move(from, LogFiles.rotated(file, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, LogFiles.rotated(file, 1), StandardCopyOption.REPLACE_EXISTING);
        for (int i = 1; i <= keep; i++) {
            Path kept = LogFiles.rotated(file, i);
            if (Files.exists(kept) && !Files.getPosixFilePermissions(kept).equals(FILE_MODE)) {
                Files.setPosixFilePermissions(kept, FILE_MODE);
            }
        }
    }
}
