package om.shell.internal.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;

/** The {@code print status} tree of status.md section 5. */
public final class StatusTree {
    private static final int MIN_NAME_WIDTH = 21;

    /** A line of the tree before column layout. */
    private record Row(String prefix, String name, String flags, String status, String label, List<LogEntry> log) {
    }

    private final List<Row> rows = new ArrayList<>();

    /**
     * Renders one instance.
     *
     * @param notices the overall line notices (frozen, daemon down...), already decided by the caller
     * @param parallelSubsets subset names ({@code <group>:<name>}) whose members run in parallel
     */
    public static String render(InstanceStatus st, List<String> notices, java.util.Set<String> parallelSubsets) {
        return render(st, notices, parallelSubsets, Map.of());
    }

    /**
     * Renders one instance, followed by its {@code parents} and {@code children} nodes when it has some.
     *
     * @param related "parents"/"children" to their objects' avail, in order
     */
    public static String render(InstanceStatus st, List<String> notices, java.util.Set<String> parallelSubsets,
                                Map<String, Map<String, String>> related) {
        StatusTree t = new StatusTree();
        t.build(st, notices, parallelSubsets, related);
        return t.layout();
    }

    private void build(InstanceStatus st, List<String> notices, java.util.Set<String> parallelSubsets,
                       Map<String, Map<String, String>> related) {
        List<ResourceStatus> avail = new ArrayList<>();
        List<ResourceStatus> accessory = new ArrayList<>();
        for (ResourceStatus r : st.resources().values()) {
            boolean acc = r.optional() || r.group().equals("sync") || r.group().equals("task");
            (acc ? accessory : avail).add(r);
        }
        rows.add(new Row("", "overall", "", st.overall().word(), String.join(", ", notices), List.of()));
        boolean hasAccessory = !accessory.isEmpty();
        boolean availLast = !hasAccessory && related.isEmpty();
        rows.add(new Row(availLast ? "'- " : "|- ", "avail", "", st.avail().word(), "", List.of()));
        children(avail, availLast ? "   " : "|  ", parallelSubsets);
        if (hasAccessory) {
            boolean accessoryLast = related.isEmpty();
            rows.add(new Row(accessoryLast ? "'- " : "|- ", "accessory", "", "", "", List.of()));
            children(accessory, accessoryLast ? "   " : "|  ", parallelSubsets);
        }
        int n = 0;
        for (Map.Entry<String, Map<String, String>> e : related.entrySet()) {
            boolean last = ++n == related.size();
            rows.add(new Row(last ? "'- " : "|- ", e.getKey(), "", "", "", List.of()));
            int m = 0;
            for (Map.Entry<String, String> o : e.getValue().entrySet()) {
                boolean lastObject = ++m == e.getValue().size();
                rows.add(new Row((last ? "   " : "|  ") + (lastObject ? "'- " : "|- "), o.getKey(), "", o.getValue(),
                        "", List.of()));
            }
        }
    }

    /** Resources of a branch; members of a subset are grouped under a {@code <group>:<subset>} node. */
    private void children(List<ResourceStatus> resources, String indent, java.util.Set<String> parallelSubsets) {
        Map<String, List<ResourceStatus>> nodes = new LinkedHashMap<>();
        for (ResourceStatus r : resources) {
            String key = r.subset() == null ? "#" + r.rid() : r.group() + ":" + r.subset();
            nodes.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        int n = 0;
        for (Map.Entry<String, List<ResourceStatus>> e : nodes.entrySet()) {
            boolean last = ++n == nodes.size();
            String branch = indent + (last ? "'- " : "|- ");
            if (e.getKey().startsWith("#")) {
                resourceRow(branch, e.getValue().get(0));
            } else {
                String label = parallelSubsets.contains(e.getKey()) ? "//" : "";
                rows.add(new Row(branch, e.getKey(), "", "", label, List.of()));
                String sub = indent + (last ? "   " : "|  ");
                List<ResourceStatus> members = e.getValue();
                for (int i = 0; i < members.size(); i++) {
                    resourceRow(sub + (i == members.size() - 1 ? "'- " : "|- "), members.get(i));
                }
            }
        }
    }

    private void resourceRow(String prefix, ResourceStatus r) {
        rows.add(new Row(prefix, r.rid(), r.flags(), r.status().word(), r.label() == null ? "" : r.label(), r.log()));
    }

    private String layout() {
        int width = MIN_NAME_WIDTH;
        for (Row r : rows) {
            width = Math.max(width, r.prefix().length() + r.name().length() + 1);
        }
        String logIndent = " ".repeat(width + 9 + 11);
        StringBuilder b = new StringBuilder();
        for (Row r : rows) {
            StringBuilder line = new StringBuilder();
            line.append(pad(r.prefix() + r.name(), width));
            line.append(pad(r.flags(), 8)).append(' ');
            line.append(pad(r.status(), 10)).append(' ');
            line.append(r.label());
            b.append(stripTrailing(line)).append('\n');
            for (LogEntry e : r.log()) {
                String text = switch (e.level()) {
                    case WARN -> "warn: " + e.message();
                    case ERROR -> "error: " + e.message();
                    default -> e.message();
                };
                b.append(stripTrailing(new StringBuilder(logIndent).append(text))).append('\n');
            }
        }
        return b.toString();
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String stripTrailing(CharSequence s) {
        return s.toString().stripTrailing();
    }

    /** Whether a resource log level shows a problem (for the caller's notices). */
    static boolean problem(LogEntry e) {
        return e.level() == Level.WARN || e.level() == Level.ERROR;
    }
}
