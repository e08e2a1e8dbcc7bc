package om.driver.sync.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import om.api.io.AtomicFile;

/**
 * The time of the last successful copy to one peer, in {@code <vardir>/<rid>/last_sync_<peer>} (an ISO-8601
 * instant), so the status can be evaluated by any process.
 */
public final class LastSync {
    public static final String PREFIX = "last_sync_";

    private LastSync() {
    }

    public static Path file(Path ridVarDir, String peer) {
        return ridVarDir.resolve(PREFIX + peer);
    }

    public static void write(Path ridVarDir, String peer, Instant at) throws IOException {
        // a reader must never see half a time
        AtomicFile.write(file(ridVarDir, peer), at.toString() + "\n");
    }

    /** The recorded time; empty when never synced. A damaged record counts as its file's mtime. */
    public static Optional<Instant> read(Path ridVarDir, String peer) {
        Path f = file(ridVarDir, peer);
        try {
            String text = Files.readString(f, StandardCharsets.UTF_8).strip();
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return Optional.of(Files.getLastModifiedTime(f).toInstant());
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
