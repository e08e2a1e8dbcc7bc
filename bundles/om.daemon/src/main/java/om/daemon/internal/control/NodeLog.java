package om.daemon.internal.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/** Appends node-level lines to {@code log/node.log}: {@code <ISO time> <LEVEL> <message>}. */
final class NodeLog {
    private final Path file;
    private final Clock clock;

    NodeLog(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    void info(String message) {
        String line = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MILLIS) + " INFO " + message + "\n";
        try {
            Files.createDirectories(file.getParent());
            // one write of one line with O_APPEND: other writers of node.log do not interleave within it
            Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the node log is a courtesy; the daemon runs without it
        }
    }
}
