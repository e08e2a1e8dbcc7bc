package om.api.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one whole-file replacement of om: readers see the old content or the new one, never a part, and once
 * {@code write} returns the new content survives a crash. The rule, for every state file of every bundle:
 * <ol>
 * <li>a temporary file <em>beside</em> the target ({@code .<name>.<pid>.<n>.tmp}): a rename is atomic only
 * within one file system, and {@code var/} may be mounted apart from {@code etc/}, so the temporary cannot
 * live elsewhere; the leading dot keeps it out of listings of {@code *.conf}, {@code *.json};</li>
 * <li>created with the final mode (default {@link #PRIVATE}, 0600: configs and state may hold secrets),
 * so the content is never readable by others, not even for a moment;</li>
 * <li>written and forced to disk (data and metadata);</li>
 * <li>renamed over the target ({@code ATOMIC_MOVE});</li>
 * <li>the directory forced, so that the rename itself survives a crash (best effort: not every file
 * system lets a directory be opened).</li>
 * </ol>
 * The owner pid in the temporary's name lets the next write of the same target remove what a killed writer
 * left ({@link #cleanStale}); a temporary of a live process is never touched.
 */
public final class AtomicFile {
    /** rw------- */
    public static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rw-------");
    /** rw-r--r--, for files other users must read (pid files). */
    public static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    static final String SUFFIX = ".tmp";
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQ = new AtomicLong();

    private AtomicFile() {
    }

    /** Replaces target with text (UTF-8), mode 0600. */
    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8), PRIVATE);
    }

    /** Replaces target with data, mode 0600. */
    public static void write(Path target, byte[] data) throws IOException {
        write(target, data, PRIVATE);
    }

    /**
     * Replaces target with data, created with mode (ignored where the file system has no POSIX modes). Missing
     * parent directories are created.
     */
    public static void write(Path target, byte[] data, Set<PosixFilePermission> mode) throws IOException {
        write(target, data, mode, null);
    }

    /**
     * Replaces target with data, created with mode, its modification time set to mtime before the rename (null:
     * the time of the write), so that no reader ever sees the new content with another time: config replication
     * keeps the mtime of the copy it installs, the time a tombstone stands for is its mtime.
     */
    public static void write(Path target, byte[] data, Set<PosixFilePermission> mode,
                             java.nio.file.attribute.FileTime mtime) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        cleanStale(abs);
        Path tmp = create(dir, abs.getFileName().toString(), mode);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            if (mtime != null) {
                Files.setLastModifiedTime(tmp, mtime);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDir(dir);
    }

    /** Whether a file name is one of this class's temporaries (for listings that must skip them). */
    public static boolean isTemporary(String fileName) {
        return fileName.startsWith(".") && fileName.endsWith(SUFFIX);
    }

    /**
     * Removes the temporaries of target left by dead processes: those named {@code .<name>.<pid>.<n>.tmp} whose
     * pid is not running, and the older {@code .<name>.<random>.tmp} whose number is no live pid.
     */
    public static void cleanStale(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        String prefix = "." + abs.getFileName() + ".";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> {
            String n = p.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(SUFFIX);
        })) {
            for (Path p : ds) {
                String middle = p.getFileName().toString();
                middle = middle.substring(prefix.length(), middle.length() - SUFFIX.length());
                if (ownerDead(middle)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // cleaning is a courtesy: a directory we cannot list will fail the write itself, with its reason
        }
    }

    /**
     * Removes the temporaries of dead processes in one directory (any target), for a sweep at start.
     *
     * @return how many were removed
     */
    public static int cleanStaleIn(Path dir) {
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> isTemporary(p.getFileName().toString()))) {
            for (Path p : ds) {
                if (staleName(p.getFileName().toString()) && Files.deleteIfExists(p)) {
                    n++;
                }
            }
        } catch (IOException e) {
            // as above
        }
        return n;
    }

    /** {@code .<anything>.<pid>.<n>.tmp} or {@code .<anything>.<digits>.tmp} with a dead owner. */
    static boolean staleName(String name) {
        if (!isTemporary(name)) {
            return false;
        }
        String[] parts = name.substring(1, name.length() - SUFFIX.length()).split("\\.");
        int n = parts.length;
        if (n >= 3 && digits(parts[n - 2]) && digits(parts[n - 1])) {
            return ownerDead(parts[n - 2] + "." + parts[n - 1]);
        }
        return n >= 2 && ownerDead(parts[n - 1]);
    }

    /**
     * The part between {@code .<name>.} and {@code .tmp}: {@code <pid>.<n>} as written here, or the random
     * digits of the temporaries of earlier versions (never a live pid in practice, so treated as dead).
     */
    private static boolean ownerDead(String middle) {
        String[] parts = middle.split("\\.", -1);
        if (parts.length > 2 || !digits(parts[0])
                || (parts.length == 2 && !digits(parts[1]))) {
            return false;
        }
        if (parts[0].length() > 18) {
            return true;
        }
        long p = Long.parseLong(parts[0]);
        if (p == PID) {
            // this process: a write in progress in another thread, never stale
            return false;
        }
        return ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true);
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static Path create(Path dir, String name, Set<PosixFilePermission> mode) throws IOException {
        // per file system provider, not per mount: getFileStore would read the mount table at every write
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        while (true) {
            Path tmp = dir.resolve("." + name + "." + PID + "." + SEQ.incrementAndGet() + SUFFIX);
            try {
                if (posix) {
                    FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(mode);
                    Files.createFile(tmp, attr);
                    // the umask may have taken bits away (never added): set exactly what was asked
                    Files.setPosixFilePermissions(tmp, mode);
                } else {
                    Files.createFile(tmp);
                }
                return tmp;
            } catch (FileAlreadyExistsException e) {
                // left by an earlier process with our pid: try the next number
            }
        }
    }

    private static void syncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // the data is safe in the file; only the rename may be lost on a crash
        }
    }
}
