package om.driver.task.internal;

import om.api.driver.Retcodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import om.api.io.AtomicFile;

/**
 * The result of the last run of a task, kept in {@code <var>/last_run} as {@code key=value} lines so the status
 * can be evaluated by any process.
 *
 * @param exitCode -1 when the command could not start or timed out
 * @param error    why the command could not start, null otherwise
 */
public record LastRun(Instant startedAt, Instant endedAt, int exitCode, boolean timedOut, String error) {
    public static final String FILE = "last_run";

    /** Whether the run succeeded under the given mapping. */
    public boolean success(Retcodes retcodes) {
        return error == null && !timedOut && retcodes.success(exitCode);
    }

    /** One line saying how the run failed. */
    public String failure() {
        if (error != null) {
            return "could not run: " + error;
        }
        return timedOut ? "timed out" : "ret " + exitCode;
    }

    public void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        b.append("started_at=").append(startedAt).append('\n');
        b.append("ended_at=").append(endedAt).append('\n');
        b.append("exit_code=").append(exitCode).append('\n');
        b.append("timed_out=").append(timedOut).append('\n');
        if (error != null) {
            b.append("error=").append(error.replace('\n', ' ')).append('\n');
        }
        // a reader must never see half a file
        AtomicFile.write(file, b.toString());
    }

    /** The recorded run; empty when the task never ran (or the file is unreadable). */
    public static Optional<LastRun> read(Path file) {
        Map<String, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            return Optional.of(new LastRun(Instant.parse(m.get("started_at")), Instant.parse(m.get("ended_at")),
                    Integer.parseInt(m.get("exit_code")), Boolean.parseBoolean(m.get("timed_out")), m.get("error")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // a missing field or a value that does not parse: a damaged record counts as no record
            return Optional.empty();
        }
    }
}
