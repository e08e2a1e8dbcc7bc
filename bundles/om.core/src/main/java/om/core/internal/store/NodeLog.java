package om.core.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Appends store messages to {@code log/node.log} in the line format of heartbeats-and-daemon section 10.
 * One write per line in append mode, so lines from concurrent writers never interleave.
 */
final class NodeLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final Path file;
    private final String node;

    NodeLog(Path file, String node) {
        this.file = file;
        this.node = node;
    }

    void warning(String message) {
        String line = LocalDateTime.now().format(TIME) + " WARNING n:" + node + " c:store | " + message + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is best effort: a read-only log dir must not break listing objects
        }
    }
}
