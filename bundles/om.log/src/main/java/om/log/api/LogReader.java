package om.log.api;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import om.api.ObjectPath;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads the log of an object ({@code om <path> logs}) or of the node ({@code om node logs}), rotated files included.
 * Rendering (human or json) is the caller's job.
 */
@ProviderType
public interface LogReader {
    /**
     * The lines of the object's log, or of {@code log/node.log} when {@code path} is null, written at or after
     * {@code since} (null for all), oldest first. A missing log gives an empty list.
     */
    List<LogLine> read(ObjectPath path, Instant since);

    /**
     * Delivers the lines {@link #read} would return, then every line appended later (following rotation), to
     * {@code callback} on a reader thread, until the returned handle is closed. The callback must not block for long.
     */
    Follow follow(ObjectPath path, Instant since, Consumer<LogLine> callback);

    /** A running follow; closing it stops the reader thread. */
    @ProviderType
    interface Follow extends AutoCloseable {
        @Override
        void close();
    }
}
