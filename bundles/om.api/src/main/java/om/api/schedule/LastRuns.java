package om.api.schedule;

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
 * The last run of each action job, one file per job in the instance's {@code <vardir>/scheduler/} (the job name:
 * {@code task#1}, {@code sync#1}), holding the instant the run began. Written when the run begins, so a daemon
 * killed during a run does not run it again early at its restart. The status and monitor jobs need no file: their
 * last run is the instance status' evaluation time, kept in the status cache.
 */
public final class LastRuns {
    public static final String FOLDER = "scheduler";

    private LastRuns() {
    }

    /** The job's last run; empty when it never ran or its file does not read. */
    public static Optional<Instant> read(Path objectVarDir, String job) {
        try {
            String s = Files.readString(objectVarDir.resolve(FOLDER).resolve(job), StandardCharsets.UTF_8).strip();
            return Optional.of(Instant.parse(s));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | DateTimeParseException e) {
            // a torn or foreign file: the job is due, which is the safe side for a schedule
            return Optional.empty();
        }
    }

    /**
     * Writes a job's last run. Nothing is written when the instance's var folder is gone (the object was deleted
     * meanwhile): a new object of the same name must not inherit the run.
     */
    public static void write(Path objectVarDir, String job, Instant at) throws IOException {
        if (!Files.isDirectory(objectVarDir)) {
            return;
        }
        Path dir = objectVarDir.resolve(FOLDER);
        Files.createDirectories(dir);
        AtomicFile.write(dir.resolve(job), at.toString() + "\n");
    }
}
