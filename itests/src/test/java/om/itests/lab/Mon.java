package om.itests.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code om mon} text read back as an operator reads it (status.md section 7): per section, per row, the status,
 * the info and the cell of each node column. A node column starts where the title row has the node's name.
 */
public final class Mon {
    public record Row(String name, String status, String info, Map<String, String> cells) {
        public String cell(String node) {
            return cells.getOrDefault(node, "");
        }
    }

    public final String text;
    private final Map<String, List<String>> columns = new LinkedHashMap<>();
    private final Map<String, Map<String, Row>> sections = new LinkedHashMap<>();

    private Mon(String text) {
        this.text = text;
    }

    public static Mon parse(String text) {
        Mon m = new Mon(text);
        String section = null;
        List<String> nodes = List.of();
        List<Integer> starts = List.of();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                section = null;
                continue;
            }
            if (!line.startsWith(" ")) {
                // a title row: section name, then the node names at the columns' starts
                String[] words = line.trim().split("\\s+");
                section = words[0];
                List<String> ns = new ArrayList<>();
                List<Integer> ss = new ArrayList<>();
                int from = words[0].length();
                for (int i = 1; i < words.length; i++) {
                    int at = line.indexOf(words[i], from);
                    ns.add(words[i]);
                    ss.add(at);
                    from = at + words[i].length();
                }
                nodes = ns;
                starts = ss;
                m.columns.put(section, nodes);
                m.sections.put(section, new LinkedHashMap<>());
                continue;
            }
            if (section == null) {
                continue;
            }
            int bar = line.indexOf('|');
            String head = bar < 0 ? line : line.substring(0, bar);
            String[] h = head.trim().split("\\s+", 3);
            String name = h[0];
            String status = h.length > 1 ? h[1] : "";
            String info = h.length > 2 ? h[2].trim() : "";
            Map<String, String> cells = new LinkedHashMap<>();
            if (bar >= 0) {
                for (int i = 0; i < nodes.size(); i++) {
                    int s = starts.get(i);
                    int e = i + 1 < nodes.size() ? starts.get(i + 1) : line.length();
                    String cell = s >= line.length() ? "" : line.substring(s, Math.min(e, line.length()));
                    cell = cell.trim();
                    // a heartbeat cell is one marker; what follows the last one is the thread's alert
                    if (section.equals("Threads") && cell.contains(" ")) {
                        cell = cell.substring(0, cell.indexOf(' '));
                    }
                    cells.put(nodes.get(i), cell);
                }
            }
            m.sections.get(section).put(name, new Row(name, status, info, cells));
        }
        return m;
    }

    /** The node names of a section's title row. */
    public List<String> columns(String section) {
        return columns.getOrDefault(section, List.of());
    }

    public Map<String, Row> rows(String section) {
        return sections.getOrDefault(section, Map.of());
    }

    public Row row(String section, String name) {
        return rows(section).get(name);
    }

    /** The cell of node in a row, "" when the row or the cell is missing. */
    public String cell(String section, String name, String node) {
        Row r = row(section, name);
        return r == null ? "" : r.cell(node);
    }

    @Override
    public String toString() {
        return text;
    }
}
