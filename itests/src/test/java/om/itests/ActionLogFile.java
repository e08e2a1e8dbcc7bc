package om.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The action log of an object as om writes it (log/&lt;name&gt;.log), read without om: the lines of its latest
 * session (one session = one action), each with its rid when it is a resource line.
 */
final class ActionLogFile {
    record Line(String level, String rid, String message) {
        String group() {
            return rid.contains("#") ? rid.substring(0, rid.indexOf('#')) : rid;
        }
    }

    private static final Pattern LINE = Pattern.compile(
            "^\\S+ \\S+ (\\w+) sid:(\\S+) n:\\S+ o:\\S+(?: r:(\\S+))? sc:\\S+ \\| (.*)$");

    private ActionLogFile() {
    }

    /** The lines of the last session in log/&lt;name&gt;.log (name: the object name, without namespace). */
    static List<Line> lastSession(Dist dist, String name) throws IOException {
        Path file = dist.root.resolve("log").resolve(name + ".log");
        List<String> raw = Files.readAllLines(file);
        String sid = null;
        for (String l : raw) {
            Matcher m = LINE.matcher(l);
            if (m.matches()) {
                sid = m.group(2);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (String l : raw) {
            Matcher m = LINE.matcher(l);
            if (m.matches() && m.group(2).equals(sid)) {
                lines.add(new Line(m.group(1), m.group(3) == null ? "" : m.group(3), m.group(4)));
            }
        }
        return lines;
    }

    /** The driver groups in the order their resources acted, consecutive repeats folded (rollback lines included). */
    static List<String> groupOrder(List<Line> lines) {
        List<String> order = new ArrayList<>();
        for (Line l : lines) {
            if (!l.rid().isEmpty() && (order.isEmpty() || !order.get(order.size() - 1).equals(l.group()))) {
                order.add(l.group());
            }
        }
        return order;
    }

    /** The index of the first line of rid whose message contains text, or -1. */
    static int indexOf(List<Line> lines, String rid, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).rid().equals(rid) && lines.get(i).message().contains(text)) {
                return i;
            }
        }
        return -1;
    }

    static String dump(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.level()).append(' ').append(l.rid()).append(" | ").append(l.message())
                .append('\n'));
        return sb.toString();
    }
}
