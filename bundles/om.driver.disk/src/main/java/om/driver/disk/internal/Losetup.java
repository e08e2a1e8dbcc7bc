package om.driver.disk.internal;

import om.api.driver.CommandText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.driver.ActionException;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/**
 * Which loop devices are backed by a file. Loop devices belong to the kernel, not to a mount namespace: nodes
 * sharing a kernel but each with a private /srv see each other's devices, with the same backing path. So a
 * device is the file's only when its backing inode and filesystem device are the file's own; the path (what
 * {@code losetup -j} matches) says nothing.
 */
final class Losetup {
    /** NAME first; no BACK-FILE, whose spaces would make the columns ambiguous. */
    static final List<String> LIST = List.of("losetup", "--list", "--noheadings", "-O", "NAME,BACK-INO,BACK-MAJ:MIN");

    private Losetup() {
    }

    /** Where a file lives: its filesystem's device (major:minor) and its inode. */
    record FileId(long major, long minor, long inode) {
        /** From a Linux {@code st_dev}, split the way glibc's {@code major()}/{@code minor()} do. */
        static FileId of(long stDev, long inode) {
            long major = ((stDev >>> 8) & 0xfffL) | ((stDev >>> 32) & ~0xfffL);
            long minor = (stDev & 0xffL) | ((stDev >>> 12) & ~0xffL);
            return new FileId(major, minor, inode);
        }

        /** The file's identity, empty when it does not exist (then nothing can be its loop device). */
        static Optional<FileId> of(Path file) throws ActionException {
            try {
                Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino");
                return Optional.of(of((Long) a.get("dev"), (Long) a.get("ino")));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException | UnsupportedOperationException e) {
                throw new ActionException("cannot stat " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * The loop devices backed by this very {@code file}, sorted. A missing file has none, whatever other files
     * at the same path (in another mount namespace, or deleted) are attached.
     *
     * @throws ActionException when the file cannot be examined or losetup cannot be run
     */
    static List<String> devicesOf(ResourceContext ctx, String file, Duration timeout) throws ActionException {
        Optional<FileId> id = FileId.of(Path.of(file));
        if (id.isEmpty()) {
            return List.of();
        }
        ExecResult r = ctx.probe(LIST, Lvm.ENV, timeout);
        if (!r.ok()) {
            throw new ActionException(CommandText.of(LIST) + " failed: " + r.reason(timeout));
        }
        return parse(r.stdout(), id.get());
    }

    /** Lines of {@link #LIST} look like {@code /dev/loop0  2154575      254:0}; keeps those backed by {@code id}. */
    static List<String> parse(String output, FileId id) {
        return output.lines().map(String::strip).map(l -> l.split("\\s+"))
                .filter(f -> f.length == 3 && f[0].startsWith("/dev/") && backs(f[1], f[2], id))
                .map(f -> f[0]).distinct().sorted().toList();
    }

    private static boolean backs(String ino, String majMin, FileId id) {
        int colon = majMin.indexOf(':');
        try {
            return colon > 0 && Long.parseLong(ino) == id.inode()
                    && Long.parseLong(majMin.substring(0, colon)) == id.major()
                    && Long.parseLong(majMin.substring(colon + 1)) == id.minor();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
