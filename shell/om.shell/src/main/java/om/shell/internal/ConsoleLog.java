package om.shell.internal;

import java.io.PrintStream;
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
        // a multi-line message (command output) keeps the prefix on every line, so columns stay aligned
        for (String line : e.message().split("\n", -1)) {
            logLine(e, line);
        }
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
