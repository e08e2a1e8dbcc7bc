package om.core.internal.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;

/**
 * What tells a file changed without reading it: mtime, size and file key (inode). An atomic rename gives a
 * new inode, so a rewrite within one mtime tick with the same size is still noticed.
 */
public record FileStamp(Instant mtime, long size, Object fileKey) {
    /** The stamp of a file, null when it does not exist. */
    public static FileStamp of(Path file) throws IOException {
        // one stat: configs usually exist, and node.conf/cluster.conf are looked at only now and then
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.lastModifiedTime().toInstant(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The stamp of a file that is often missing (node.conf, cluster.conf), checked at every load: java.io answers
     * "missing" without the cost of an exception.
     */
    public static FileStamp ofOptional(Path file) throws IOException {
        return file.toFile().exists() ? of(file) : null;
    }

    public static boolean same(FileStamp a, FileStamp b) {
        return Objects.equals(a, b);
    }
}
