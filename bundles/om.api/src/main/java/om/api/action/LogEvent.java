package om.api.action;

import java.time.Instant;
import om.api.status.Level;

/**
 * One action log line.
 *
 * @param path   canonical object path, null for node-level lines
 * @param rid    resource id, null for object-level lines
 * @param action the action verb, null outside actions
 */
public record LogEvent(Instant at, Level level, String node, String path, String rid, String action,
                       String message) {
    /** The console prefix {@code <node>.<path>[.<rid>]}. */
    public String prefix() {
        StringBuilder b = new StringBuilder(node);
        if (path != null) {
            b.append('.').append(path);
        }
        if (rid != null) {
            b.append('.').append(rid);
        }
        return b.toString();
    }
}
