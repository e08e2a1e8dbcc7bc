package om.shell.internal;

import java.io.PrintStream;
import om.api.Quote;
import om.api.action.ActionLog;
import om.api.action.LogEvent;

/**
 * The console sink of an action: {@code <node>.<path>[.<rid>]} on 23 columns, then the message; warnings and
 * errors go to stderr with {@code W }/{@code E } (yellow/red on a terminal).
 */
public final class ConsoleLog implements ActionLog {
    private static final int PREFIX_WIDTH = 23;
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean color;
    private final boolean debug;

    public ConsoleLog(PrintStream out, PrintStream err, boolean color, boolean debug) {
        this.out = out;
        this.err = err;
        this.color = color;
        this.debug = debug;
    }

    @Override
    public void log(LogEvent e) {
        logLine(e, oneLine(e.message()));
    }

    /**
     * One event is one console line: a line break inside a value (an exec line of a multi-line keyword) is shown
     * as {@code \n}, and terminal escapes of command output as {@code \x1b}, so nothing the message carries
     * can pass for another line or repaint the operator's terminal. Tabs stay.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        String m = message.endsWith("\r\n") ? message.substring(0, message.length() - 2)
                : message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        if (m.indexOf('\t') < 0) {
            return Quote.escape(m);
        }
        StringBuilder b = new StringBuilder(m.length());
        String[] parts = m.split("\t", -1);
        for (int i = 0; i < parts.length; i++) {
            b.append(i == 0 ? "" : "\t").append(Quote.escape(parts[i]));
        }
        return b.toString();
    }

    private void logLine(LogEvent e, String message) {
        String prefix = e.prefix();
        StringBuilder b = new StringBuilder(prefix);
        for (int i = prefix.length(); i < PREFIX_WIDTH; i++) {
            b.append(' ');
        }
        b.append(' ');
        switch (e.level()) {
            case DEBUG -> {
                if (debug) {
                    out.println(b.append("D ").append(message));
                }
            }
            case INFO -> out.println(b.append(message));
            case WARN -> err.println(b.append(paint("W ", YELLOW)).append(message));
            case ERROR -> err.println(b.append(paint("E ", RED)).append(message));
        }
    }

    private String paint(String s, String code) {
        return color ? code + s + RESET : s;
    }
}
