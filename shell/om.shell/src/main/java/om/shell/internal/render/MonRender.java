package om.shell.internal.render;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** {@code om mon}: the cluster overview of status.md section 7, rendered from the daemon dataset. */
public final class MonRender {
    private final List<List<String>> rows = new ArrayList<>();

    /** The sections of {@code om mon}, in display order. */
    public static final List<String> SECTIONS = List.of("threads", "arbitrators", "nodes", "services");

    public static String render(JsonNode data) {
        return render(data, java.util.Set.copyOf(SECTIONS));
    }

    /** Renders the selected sections only ({@code --sections}). */
    public static String render(JsonNode data, java.util.Set<String> sections) {
        MonRender m = new MonRender();
        m.build(data, sections);
        return m.layout();
    }

    private void build(JsonNode data, java.util.Set<String> sections) {
        List<String> nodes = new ArrayList<>();
        data.path("cluster").path("nodes").forEach(n -> nodes.add(n.asText()));
        nodes.sort(null);
        JsonNode nodeData = data.path("monitor").path("nodes");

        if (sections.contains("threads")) {
            threads(data, nodes);
        }
        if (sections.contains("nodes")) {
            nodes(nodeData, nodes);
        }
        if (sections.contains("services")) {
            services(data, nodeData, nodes);
        }
        // sections are separated by one blank line, none after the last
        while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
    }

    private void threads(JsonNode data, List<String> nodes) {
        title("Threads", nodes);
        TreeSet<String> threads = new TreeSet<>();
        data.fieldNames().forEachRemaining(f -> {
            if (data.get(f).has("state") && !f.equals("collector")) {
                threads.add(f);
            }
        });
        for (String t : threads) {
            JsonNode th = data.get(t);
            List<String> row = new ArrayList<>(List.of(" " + t, th.path("state").asText(), endpoint(t, th)));
            if (t.startsWith("hb#")) {
                row.add("|");
                for (String n : nodes) {
                    JsonNode peer = th.path("peers").path(n);
                    row.add(peer.isMissingNode() ? "/" : peer.path("beating").asBoolean() ? "O" : "X");
                }
            }
            rows.add(row);
        }
        rows.add(List.of());
    }

    private void nodes(JsonNode nodeData, List<String> nodes) {
        title("Nodes", nodes);
        List<String> load = new ArrayList<>(List.of(" 15m", "", "", "|"));
        List<String> state = new ArrayList<>(List.of(" state", "", "", "|"));
        for (String n : nodes) {
            JsonNode nd = nodeData.path(n);
            JsonNode l = nd.path("stats").path("load_15m");
            load.add(l.isNumber() ? String.format(java.util.Locale.ROOT, "%.1f", l.asDouble()) : "/");
            StringBuilder s = new StringBuilder();
            String ms = nd.path("monitor").path("state").asText("idle");
            if (!ms.equals("idle") && !nd.isMissingNode()) {
                s.append(ms);
            }
            if (nd.path("frozen").asBoolean()) {
                s.append('*');
            }
            String ge = nd.path("monitor").path("global_expect").asText("none");
            if (!ge.equals("none")) {
                s.append(" >").append(ge);
            }
            state.add(s.toString());
        }
        rows.add(load);
        rows.add(state);
        rows.add(List.of());
    }

    private void services(JsonNode data, JsonNode nodeData, List<String> nodes) {
        title("Services", nodes);
        JsonNode services = data.path("monitor").path("services");
        TreeSet<String> names = new TreeSet<>();
        services.fieldNames().forEachRemaining(names::add);
        for (String p : names) {
            JsonNode o = services.get(p);
            StringBuilder st = new StringBuilder(o.path("avail").asText("n/a"));
            if (o.path("overall").asText().equals("warn")) {
                st.append('!');
            }
            if (o.path("placement").asText().equals("non-optimal")) {
                st.append('^');
            }
            List<String> row = new ArrayList<>(List.of(" " + p, st.toString(), o.path("topology").asText(), "|"));
            List<String> scope = new ArrayList<>();
            o.path("scope").forEach(s -> scope.add(s.asText()));
            for (String n : nodes) {
                JsonNode inst = nodeData.path(n).path("services").path("status").path(p);
                row.add(instanceCell(inst, scope.contains(n)));
            }
            rows.add(row);
        }
    }

    private void title(String title, List<String> nodes) {
        List<String> row = new ArrayList<>(List.of(title, "", "", ""));
        row.addAll(nodes);
        rows.add(row);
    }

    private static String endpoint(String thread, JsonNode th) {
        JsonNode cfg = th.path("config");
        if (thread.endsWith(".rx") || "multicast".equals(th.path("type").asText())) {
            if (cfg.has("addr") && cfg.has("port")) {
                return cfg.get("addr").asText() + ":" + cfg.get("port").asText();
            }
        }
        return "";
    }

    static String instanceCell(JsonNode inst, boolean inScope) {
        if (inst.isMissingNode()) {
            return inScope ? "/" : "";
        }
        StringBuilder b = new StringBuilder(switch (inst.path("avail").asText("n/a")) {
            case "up" -> "O";
            case "stdby up" -> "o";
            case "down" -> "X";
            case "stdby down" -> "x";
            case "warn" -> "!";
            default -> "/";
        });
        if (inst.path("overall").asText().equals("warn")) {
            b.append('!');
        }
        if (inst.path("monitor").path("is_leader").asBoolean()) {
            b.append('^');
        }
        if (inst.path("frozen").asBoolean()) {
            b.append('*');
        }
        String prov = inst.path("provisioned").asText("true");
        if (prov.equals("false") || prov.equals("mixed")) {
            b.append('P');
        }
        String ms = inst.path("monitor").path("state").asText("idle");
        String ge = inst.path("monitor").path("global_expect").asText("none");
        if (!ms.equals("idle")) {
            b.append(' ').append(ms);
        } else if (!ge.equals("none")) {
            b.append(" >").append(ge);
        }
        return b.toString();
    }

    private String layout() {
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[cols];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            boolean first = true;
            for (int i = 0; i < r.size(); i++) {
                if (width[i] == 0) {
                    continue;
                }
                if (!first) {
                    line.append(' ');
                }
                first = false;
                line.append(StatusTree.pad(r.get(i), width[i]));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString();
    }

}
