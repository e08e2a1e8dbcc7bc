package om.daemon.internal.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The identity of a file version: its mtime, size and inode. Atomic writes rename a new file into place, so the
 * inode changes even when the coarse mtime does not. {@link #of} is null for a missing file.
 */
record Stamp(FileTime mtime, long size, Object fileKey) {
    static Stamp of(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return new Stamp(a.lastModifiedTime(), a.size(), a.fileKey());
        } catch (IOException e) {
            return null;
        }
    }
}
