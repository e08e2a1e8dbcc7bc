package om.orchestrator.internal.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.io.AtomicFile;

/**
 * The mark a daemon-run action leaves in the instance's var folder while it runs ({@code orchestrator_action}:
 * the action and when it began). An action ends by removing it, whatever the result; a mark found when the
 * orchestrator first looks at an object says the daemon died during that action (a SIGKILL): the instance is left
 * as the action left it, and the orchestrator reports it rather than acting again on what it cannot know.
 */
final class ActionMarks {
    static final String FILE = "orchestrator_action";

    /** An action that was running. */
    record Mark(String action, Instant at) {
    }

    private final Installation installation;

    ActionMarks(Installation installation) {
        this.installation = installation;
    }

    private Path file(ObjectPath p) {
        return installation.varDir(p).resolve(FILE);
    }

    /** Written before the action is handed to the engine; an error only loses the report of a crash. */
    void begin(ObjectPath p, String action, Instant at) throws IOException {
        Files.createDirectories(installation.varDir(p));
        AtomicFile.write(file(p), action + " " + at + "\n");
    }

    void end(ObjectPath p) {
        try {
            Files.deleteIfExists(file(p));
        } catch (IOException e) {
            // read again at the next start: reported as interrupted then, the safe side
        }
    }

    /** The mark left, empty when none (or unreadable). */
    Optional<Mark> read(ObjectPath p) {
        Path f = file(p);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            String[] words = Files.readString(f, StandardCharsets.UTF_8).trim().split(" ", 2);
            return Optional.of(new Mark(words[0], words.length > 1 ? Instant.parse(words[1]) : null));
        } catch (IOException | DateTimeParseException e) {
            return Optional.of(new Mark("action", null));
        }
    }
}
