package om.daemon.internal.control;

import java.time.Clock;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.status.Level;

/**
 * The daemon's own lines ({@code c:daemon}), written by om.log into {@code log/node.log} with its rotation: om.log
 * is the one writer of that file. Without om.log (an optional reference) the lines are not written.
 */
public final class NodeLog {
    private volatile ActionLog log;
    private final Clock clock;
    private final String node;

    public NodeLog(ActionLog log, Clock clock, String node) {
        this.log = log;
        this.clock = clock;
        this.node = node;
    }

    public void bind(ActionLog l) {
        log = l;
    }

    public void unbind(ActionLog l) {
        if (log == l) {
            log = null;
        }
    }

    public void info(String message) {
        write(Level.INFO, message);
    }

    public void warning(String message) {
        write(Level.WARN, message);
    }

    private void write(Level level, String message) {
        ActionLog log = this.log;
        if (log != null) {
            log.log(new LogEvent(clock.instant(), level, node, null, null, null, message, null, null, false,
                    "daemon"));
        }
    }
}
