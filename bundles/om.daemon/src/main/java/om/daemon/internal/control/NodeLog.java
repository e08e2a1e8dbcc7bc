package om.daemon.internal.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Appends the daemon's own lines to {@code log/node.log} in the log file format:
 * {@code <YYYY-MM-DD HH:MM:SS,mmm> INFO n:<node> c:daemon | <message>}.
 */
final class NodeLog {
    private final Path file;
    private static final java.time.format.DateTimeFormatter STAMP =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private final Clock clock;
    private final String node;

    NodeLog(Path file, Clock clock, String node) {
        this.file = file;
        this.clock = clock;
        this.node = node;
    }

    void info(String message) {
        String line = STAMP.format(OffsetDateTime.now(clock)) + " INFO n:" + node + " c:daemon | " + message + "\n";
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
