package om.log.internal.file;

import java.nio.file.Path;
import om.api.Installation;
import om.api.InvalidPathException;
import om.api.ObjectPath;

/** Where a log line goes: the object's log file, or {@code log/node.log} for node-level lines. */
public final class LogFiles {
    public static final String NODE_LOG = "node.log";

    private LogFiles() {
    }

    /** The file for an event path as written in {@link om.api.action.LogEvent#path()} (null: the node log). */
    public static Path of(Installation installation, String path) {
        if (path == null || path.isEmpty()) {
            return installation.log().resolve(NODE_LOG);
        }
        return installation.logFile(ObjectPath.parse(path));
    }

    /** Same, never failing: an invalid path writes to the node log. */
    public static Path orNodeLog(Installation installation, String path) {
        try {
            return of(installation, path);
        } catch (InvalidPathException e) {
            return installation.log().resolve(NODE_LOG);
        }
    }

    /** {@code <file>.<n>}, the n-th rotated file (1 newest). */
    public static Path rotated(Path file, int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    /** {@code <file>.lock}, the advisory lock taken to rotate. */
    public static Path lock(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }
}
