package om.shell.internal.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/** {@code om mon}: the cluster overview of status.md section 7, rendered from the daemon's typed dataset. */
public final class MonRender {
    private final List<List<String>> rows = new ArrayList<>();

    /** The sections of {@code om mon}, in display order. */
    public static final List<String> SECTIONS = List.of("threads", "arbitrators", "nodes", "services");

    public static String render(DaemonStatus data) {
        return render(data, java.util.Set.copyOf(SECTIONS));
    }

    /** Renders the selected sections only ({@code --sections}). */
    public static String render(DaemonStatus data, java.util.Set<String> sections) {
        MonRender m = new MonRender();
        m.build(data, sections);
        return m.layout();
    }

    private void build(DaemonStatus data, java.util.Set<String> sections) {
        List<String> nodes = new ArrayList<>(data.cluster().nodes());
        nodes.sort(null);
        if (sections.contains("threads")) {
            threads(data.threads(), nodes);
        }
        if (sections.contains("nodes")) {
            nodes(data.nodes(), nodes);
        }
        if (sections.contains("services")) {
            services(data, nodes);
        }
        // sections are separated by one blank line, none after the last
        while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
    }

    /** One row per thread (sorted), the collector aside; heartbeat cells come with the heartbeat threads. */
    private void threads(Map<String, ThreadStatus> threads, List<String> nodes) {
        title("Threads", nodes);
        threads.forEach((name, t) -> {
            if (!name.equals("collector")) {
                rows.add(List.of(" " + name, t.state(), ""));
            }
        });
        rows.add(List.of());
    }

    private void nodes(Map<String, NodeData> nodeData, List<String> nodes) {
        title("Nodes", nodes);
        List<String> load = new ArrayList<>(List.of(" 15m", "", "", "|"));
        List<String> state = new ArrayList<>(List.of(" state", "", "", "|"));
        for (String n : nodes) {
            NodeData nd = nodeData.get(n);
            if (nd == null) {
                load.add("/");
                state.add("");
                continue;
            }
            load.add(nd.stats().loadKnown() ? String.format(java.util.Locale.ROOT, "%.1f", nd.stats().load15m()) : "/");
            StringBuilder s = new StringBuilder();
            if (!nd.monitor().idle()) {
                s.append(nd.monitor().state());
            }
            if (nd.frozen()) {
                s.append('*');
            }
            if (!"none".equals(nd.monitor().globalExpect())) {
                s.append(" >").append(nd.monitor().globalExpect());
            }
            state.add(s.toString());
        }
        rows.add(load);
        rows.add(state);
        rows.add(List.of());
    }

    private void services(DaemonStatus data, List<String> nodes) {
        title("Services", nodes);
        for (Map.Entry<String, ObjectStatus> e : data.objects().entrySet()) {
            String p = e.getKey();
            ObjectStatus o = e.getValue();
            StringBuilder st = new StringBuilder(o.avail().word());
            if (o.overall() == Status.WARN) {
                st.append('!');
            }
            if ("non-optimal".equals(o.placement())) {
                st.append('^');
            }
            List<String> row = new ArrayList<>(List.of(" " + p, st.toString(), o.topology(), "|"));
            for (String n : nodes) {
                NodeData nd = data.nodes().get(n);
                InstanceStatus inst = nd == null ? null : nd.instances().get(p);
                InstanceMonitor mon = nd == null ? null : nd.monitors().get(p);
                row.add(instanceCell(inst, mon, o.scope().contains(n)));
            }
            rows.add(row);
        }
    }

    private void title(String title, List<String> nodes) {
        List<String> row = new ArrayList<>(List.of(title, "", "", ""));
        row.addAll(nodes);
        rows.add(row);
    }

    static String instanceCell(InstanceStatus inst, InstanceMonitor mon, boolean inScope) {
        if (inst == null) {
            return inScope ? "/" : "";
        }
        StringBuilder b = new StringBuilder(switch (inst.avail()) {
            case UP -> "O";
            case STDBY_UP -> "o";
            case DOWN -> "X";
            case STDBY_DOWN -> "x";
            case WARN -> "!";
            default -> "/";
        });
        if (inst.overall() == Status.WARN) {
            b.append('!');
        }
        if (mon != null && mon.isLeader()) {
            b.append('^');
        }
        if (inst.frozen()) {
            b.append('*');
        }
        String prov = inst.provisioned() == null ? "true" : inst.provisioned();
        if (prov.equals("false") || prov.equals("mixed")) {
            b.append('P');
        }
        String ms = mon == null ? "idle" : mon.state();
        String ge = mon == null ? "none" : mon.globalExpect();
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
