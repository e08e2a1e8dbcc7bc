package om.shell.internal;

import om.api.action.ActionBracket;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.status.Level;

/**
 * The action log of one command: the caller's console plus the node's multiplexer (files, syslog, collector),
 * every line stamped with the command's session id. Brackets never reach the console; debug lines reach the
 * multiplexer only with {@code --debug}.
 */
public final class CommandLog implements ActionLog {
    private final ActionLog console;
    private final ActionLog multiplexer;
    private final String sid;
    private final boolean debug;
    private volatile boolean warned;

    public CommandLog(ActionLog console, ActionLog multiplexer, String sid, boolean debug) {
        this.console = console;
        this.multiplexer = multiplexer;
        this.sid = sid;
        this.debug = debug;
    }

    public String sid() {
        return sid;
    }

    /** Whether the action logged a warning or an error so far (the closing bracket says "with warnings"). */
    public boolean warned() {
        return warned;
    }

    @Override
    public void log(LogEvent e) {
        LogEvent stamped = e.sid() != null ? e : new LogEvent(e.at(), e.level(), e.node(), e.path(), e.rid(),
                e.action(), e.message(), sid, e.subset(), e.scheduled(), e.component());
        if (!ActionBracket.isBracket(stamped)) {
            console.log(stamped);
            if (stamped.level() == Level.WARN || stamped.level() == Level.ERROR) {
                warned = true;
            }
        }
        if (multiplexer != null && (debug || stamped.level() != Level.DEBUG)) {
            try {
                multiplexer.log(stamped);
            } catch (RuntimeException ex) {
                // a sink problem never fails an action; the multiplexer counts its own errors
            }
        }
    }
}
