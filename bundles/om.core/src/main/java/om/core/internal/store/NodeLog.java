package om.core.internal.store;

import java.time.Instant;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.status.Level;

/**
 * The store's node-level lines ({@code c:store}), written by om.log into {@code log/node.log} with its rotation:
 * om.log is the one writer of that file. Without om.log (an optional reference) the lines are not written.
 */
final class NodeLog {
    private final ActionLog log;
    private final String node;

    NodeLog(ActionLog log, String node) {
        this.log = log;
        this.node = node;
    }

    void warning(String message) {
        log.log(new LogEvent(Instant.now(), Level.WARN, node, null, null, null, message, null, null, false,
                "store"));
    }
}
