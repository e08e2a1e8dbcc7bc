package om.api.action;

import java.time.Instant;
import om.api.status.Level;

/**
 * One action log line.
 *
 * @param path      canonical object path, null for node-level lines
 * @param rid       resource id, null for object-level lines
 * @param action    the action verb, null outside actions
 * @param sid       the action session id (one per command), null when none
 * @param subset    the resource's subset, null when none
 * @param scheduled the line comes from a scheduled action
 * @param component the daemon component that logs (listener, monitor, ...), null for actions
 */
public record LogEvent(Instant at, Level level, String node, String path, String rid, String action,
                       String message, String sid, String subset, boolean scheduled, String component) {

    /** A line of an interactive action, outside any subset. */
    public LogEvent(Instant at, Level level, String node, String path, String rid, String action, String message) {
        this(at, level, node, path, rid, action, message, null, null, false, null);
    }

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
