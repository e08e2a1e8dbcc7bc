package om.core.internal.action;

import om.api.action.ActionLog;
import om.api.action.LogEvent;

/**
 * Hands lines to the caller's log one at a time: resources of a parallel subset, and the output readers of
 * their commands, log from several threads, and the caller's sinks need not be thread-safe. Each line stays
 * whole.
 */
final class SerializedLog implements ActionLog {
    private final ActionLog delegate;

    SerializedLog(ActionLog delegate) {
        this.delegate = delegate;
    }

    static ActionLog of(ActionLog log) {
        return log instanceof SerializedLog ? log : new SerializedLog(log);
    }

    @Override
    public synchronized void log(LogEvent event) {
        try {
            delegate.log(event);
        } catch (RuntimeException e) {
            // ActionLog promises not to throw; a broken sink must not break the action
        }
    }
}
