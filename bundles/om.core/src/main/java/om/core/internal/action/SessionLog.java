package om.core.internal.action;

import om.api.action.ActionBracket;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.status.Level;

/**
 * The log of one action as the engine hands it to the caller: every line stamped with the action's session id,
 * handed on one at a time (resources of a parallel subset, and the output of their commands, log from several
 * threads, and the caller's sinks need not be thread-safe), never throwing, and whether the action warned.
 * A pending interrupt is cleared before each line: an interrupted thread cannot write through a
 * {@code FileChannel}, and a sink that loses its file loses the action's closing line.
 */
final class SessionLog implements ActionLog {
    private final ActionLog delegate;
    private final String sid;
    private volatile boolean warned;

    SessionLog(ActionLog delegate, String sid) {
        this.delegate = delegate;
        this.sid = sid;
    }

    String sid() {
        return sid;
    }

    /** Whether a warning or an error was logged (the closing bracket then says "with warnings"). */
    boolean warned() {
        return warned;
    }

    @Override
    public synchronized void log(LogEvent e) {
        Thread.interrupted();
        LogEvent stamped = e.sid() != null ? e : new LogEvent(e.at(), e.level(), e.node(), e.path(), e.rid(),
                e.action(), e.message(), sid, e.subset(), e.scheduled(), e.component());
        if (!ActionBracket.isBracket(stamped) && (stamped.level() == Level.WARN || stamped.level() == Level.ERROR)) {
            warned = true;
        }
        try {
            delegate.log(stamped);
        } catch (RuntimeException ex) {
            // ActionLog promises not to throw; a broken sink must not break the action
        }
    }
}
