package om.log.internal.file;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import om.api.action.ActionBracket;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.api.LogLine;

/**
 * The log file line of heartbeats-and-daemon section 10:
 * {@code <YYYY-MM-DD HH:MM:SS,mmm> <LEVEL> <context> | <message>}, context being the non-empty fields
 * {@code sid: n: c: o: rs: r: sc:} in that order. {@code sc:} is written for action lines only (action set) and
 * {@code c:} is never written for bracket lines (their component is a marker, not a daemon component). A message
 * of several lines becomes several log lines with the same head, so every line of the file parses.
 */
public final class LineFormat {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final String SEP = " | ";

    private LineFormat() {
    }

    public static String level(Level level) {
        return switch (level) {
            case DEBUG -> "DEBUG";
            case INFO -> "INFO";
            case WARN -> "WARNING";
            case ERROR -> "ERROR";
        };
    }

    /** The context fields of an event, space-separated, possibly empty. */
    public static String context(LogEvent e) {
        StringBuilder b = new StringBuilder();
        field(b, "sid:", e.sid());
        field(b, "n:", e.node());
        field(b, "c:", ActionBracket.isBracket(e) ? null : e.component());
        field(b, "o:", e.path());
        field(b, "rs:", e.subset());
        field(b, "r:", e.rid());
        if (e.action() != null) {
            field(b, "sc:", e.scheduled() ? "y" : "n");
        }
        return b.toString();
    }

    /** The lines for an event, each ending with a newline, timestamps in {@code zone}. */
    public static String format(LogEvent e, ZoneId zone) {
        Instant at = e.at() == null ? Instant.now() : e.at();
        String head = LocalDateTime.ofInstant(at, zone).format(TIME) + " " + level(e.level());
        String ctx = context(e);
        head = ctx.isEmpty() ? head + SEP : head + " " + ctx + SEP;
        String msg = e.message() == null ? "" : e.message();
        StringBuilder b = new StringBuilder(head.length() + msg.length() + 1);
        for (String part : msg.split("\r?\n", -1)) {
            b.append(head).append(part).append('\n');
        }
        return b.toString();
    }

    /**
     * Parses one line (without newline); null when it is not a log line. Also reads the
     * {@code <ISO offset time> <LEVEL> <message>} lines older daemon code wrote.
     */
    public static LogLine parse(String text, ZoneId zone) {
        int sp1 = text.indexOf(' ');
        if (sp1 < 0) {
            return null;
        }
        Instant at;
        int levelStart;
        try {
            if (text.length() >= 23 && text.charAt(10) == ' ' && text.charAt(19) == ',') {
                at = LocalDateTime.parse(text.substring(0, 23), TIME).atZone(zone).toInstant();
                levelStart = 24;
            } else {
                at = OffsetDateTime.parse(text.substring(0, sp1)).toInstant();
                levelStart = sp1 + 1;
            }
        } catch (DateTimeException | StringIndexOutOfBoundsException e) {
            return null;
        }
        if (levelStart >= text.length()) {
            return null;
        }
        int levelEnd = text.indexOf(' ', levelStart);
        String lvl = levelEnd < 0 ? text.substring(levelStart) : text.substring(levelStart, levelEnd);
        Level level = switch (lvl) {
            case "DEBUG" -> Level.DEBUG;
            case "INFO" -> Level.INFO;
            case "WARNING", "WARN" -> Level.WARN;
            case "ERROR" -> Level.ERROR;
            default -> null;
        };
        if (level == null) {
            return null;
        }
        String rest = levelEnd < 0 ? "" : text.substring(levelEnd + 1);
        String context;
        String message;
        if (rest.startsWith("| ")) {
            context = "";
            message = rest.substring(2);
        } else {
            int sep = rest.indexOf(SEP);
            if (sep < 0) {
                context = "";
                message = rest;
            } else {
                context = rest.substring(0, sep);
                message = rest.substring(sep + SEP.length());
            }
        }
        String sid = null, node = null, comp = null, path = null, subset = null, rid = null;
        boolean scheduled = false;
        for (String f : context.isBlank() ? new String[0] : context.trim().split(" +")) {
            int c = f.indexOf(':');
            if (c < 0) {
                continue;
            }
            String v = f.substring(c + 1);
            switch (f.substring(0, c)) {
                case "sid" -> sid = v;
                case "n" -> node = v;
                case "c" -> comp = v;
                case "o" -> path = v;
                case "rs" -> subset = v;
                case "r" -> rid = v;
                case "sc" -> scheduled = v.equals("y");
                default -> {
                    // an unknown field from a newer writer: ignore it rather than reject the line
                }
            }
        }
        return new LogLine(at, level, sid, node, comp, path, subset, rid, scheduled, message, text);
    }

    private static void field(StringBuilder b, String name, String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        if (b.length() > 0) {
            b.append(' ');
        }
        b.append(name).append(value.replace(' ', '_'));
    }
}
