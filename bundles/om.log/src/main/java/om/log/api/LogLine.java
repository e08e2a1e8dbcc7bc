package om.log.api;

import java.time.Instant;
import om.api.status.Level;

/**
 * One parsed line of an object or node log file ({@code <time> <LEVEL> <context> | <message>}).
 * Context fields absent from the line are null ({@code scheduled} is false).
 *
 * @param at        when the line was written (the file holds local time to the millisecond)
 * @param level     the line's level ({@code WARNING} reads as {@link Level#WARN})
 * @param sid       the action session id
 * @param node      the node that wrote the line
 * @param component the daemon component
 * @param path      the object path as written
 * @param subset    the resource subset
 * @param rid       the resource id
 * @param scheduled {@code sc:y}
 * @param message   the text after {@code " | "}
 * @param text      the raw line, without its newline
 */
public record LogLine(Instant at, Level level, String sid, String node, String component, String path,
                      String subset, String rid, boolean scheduled, String message, String text) {
}
