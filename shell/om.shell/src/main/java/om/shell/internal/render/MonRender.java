package om.shell.internal.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import om.api.daemon.ArbitratorStatus;
import om.api.daemon.DaemonStatus;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/**
 * {@code om mon}: the cluster overview of status.md section 7, rendered from the daemon's typed dataset.
 *
 * <p>A row is a list of cells: name, status, info, the five {@code --stats} columns, the separator {@code |}, then
 * one cell per cluster node. Widths are measured over every row of every section, on the visible text (colour
 * escapes aside); a column empty everywhere is dropped, so without {@code --stats} the stats columns vanish.
 */
public final class MonRender {
    /** The sections of {@code om mon}, in display order. */
    public static final List<String> SECTIONS = List.of("threads", "arbitrators", "nodes", "services");

    /** The {@code --stats} column labels, in order, between info and the separator. */
    public static final List<String> STATS_LABELS = List.of("since", "tasks", "usage", "time", "mem");

    private static final int STATS = 3;
    private static final int SEPARATOR = STATS + STATS_LABELS.size();
    private static final int FIRST_NODE = SEPARATOR + 1;
    private static final Cell SEPARATOR_CELL = Cell.plain("|");

    /**
     * What to show and how.
     *
     * @param localNode the node the command runs on: its heartbeat cells are {@code /}
     * @param sections  the sections to show ({@link #SECTIONS})
     * @param color     colour escapes (a terminal, or {@code --color yes})
     * @param stats     the {@code --stats} cells by row, null without {@code --stats}
     */
    public record View(String localNode, Set<String> sections, boolean color, MonStats stats) {
        public View {
            sections = Set.copyOf(sections);
        }

        public static View plain(String localNode) {
            return new View(localNode, Set.copyOf(SECTIONS), false, null);
        }
    }

    private final View view;
    private final List<List<Cell>> rows = new ArrayList<>();

    private MonRender(View view) {
        this.view = view;
    }

    /** All sections, no colour; the local node guessed as the first with data (tests and tools). */
    public static String render(DaemonStatus data) {
        return render(data, Set.copyOf(SECTIONS));
    }

    /** The selected sections only, no colour. */
    public static String render(DaemonStatus data, Set<String> sections) {
        String local = data.nodes().isEmpty() ? "" : data.nodes().keySet().iterator().next();
        return render(data, new View(local, sections, false, null));
    }

    public static String render(DaemonStatus data, View view) {
        MonRender m = new MonRender(view);
        m.build(data);
        return m.layout();
    }

    /** The columns: the cluster's nodes and any node with data the cluster list lacks, sorted by name. */
    static List<String> nodes(DaemonStatus data) {
        Set<String> nodes = new TreeSet<>(data.cluster().nodes());
        nodes.addAll(data.nodes().keySet());
        return List.copyOf(nodes);
    }

    private void build(DaemonStatus data) {
        List<String> nodes = nodes(data);
        Set<String> sections = view.sections();
        if (sections.contains("threads")) {
            threads(data, nodes);
        }
        if (sections.contains("arbitrators")) {
            arbitrators(data, nodes);
        }
        if (sections.contains("nodes")) {
            nodes(data, nodes);
        }
        if (sections.contains("services")) {
            services(data, nodes);
        }
        // sections are separated by one blank line, none after the last
        while (!rows.isEmpty() && rows.get(rows.size() - 1).isEmpty()) {
            rows.remove(rows.size() - 1);
        }
    }

    private boolean color() {
        return view.color();
    }

    private List<Cell> row(String name, Cell status, String info) {
        List<Cell> r = new ArrayList<>(FIRST_NODE);
        r.add(Cell.plain(" " + name));
        r.add(status);
        r.add(Cell.plain(info));
        for (int i = STATS; i < SEPARATOR; i++) {
            r.add(Cell.EMPTY);
        }
        return r;
    }

    private void title(String title, List<String> nodes, boolean statsLabels) {
        List<Cell> r = new ArrayList<>();
        r.add(Cell.of(title, Cell.BOLD, color()));
        r.add(Cell.EMPTY);
        r.add(Cell.EMPTY);
        for (String label : STATS_LABELS) {
            r.add(statsLabels && view.stats() != null ? Cell.plain(label) : Cell.EMPTY);
        }
        r.add(Cell.EMPTY);
        for (String n : nodes) {
            r.add(Cell.plain(n));
        }
        rows.add(r);
    }

    private void stats(List<Cell> row, List<String> cells) {
        if (cells == null) {
            return;
        }
        for (int i = 0; i < STATS_LABELS.size(); i++) {
            row.set(STATS + i, Cell.plain(cells.get(i)));
        }
    }

    /** One row per thread (sorted), the collector aside; heartbeat threads carry a cell per node. */
    private void threads(DaemonStatus data, List<String> nodes) {
        title("Threads", nodes, true);
        data.threads().forEach((name, t) -> {
            if (name.equals("collector")) {
                return;
            }
            HeartbeatStatus hb = data.heartbeats().get(name);
            List<Cell> r = row(name, threadState(t.state()), hb == null ? "" : endpoint(hb));
            if (view.stats() != null) {
                stats(r, view.stats().thread(name));
            }
            if (hb != null) {
                r.add(Cell.plain("|"));
                for (String n : nodes) {
                    r.add(hbCell(hb, n));
                }
            }
            if (!t.alerts().isEmpty()) {
                // the reason of a failed thread (a port in use) ends its row, where it widens no column
                if (hb == null) {
                    r.add(Cell.plain("|"));
                    nodes.forEach(n -> r.add(Cell.EMPTY));
                }
                r.add(Cell.of(String.join("; ", t.alerts()), Cell.RED, color()));
            }
            rows.add(r);
        });
        rows.add(List.of());
    }

    private Cell threadState(String state) {
        return switch (state) {
            case ThreadStatus.RUNNING -> Cell.of(state, Cell.GREEN, color());
            case ThreadStatus.FAILED -> Cell.of(state, Cell.RED, color());
            default -> Cell.plain(state);
        };
    }

    /** Listen address of a unicast rx, group of a multicast rx and tx, nothing for a unicast tx. */
    static String endpoint(HeartbeatStatus hb) {
        if (hb.addr() == null || hb.addr().isEmpty()) {
            return "";
        }
        String addr = hb.addr().indexOf(':') >= 0 ? "[" + hb.addr() + "]" : hb.addr();
        return addr + ":" + hb.port();
    }

    private Cell hbCell(HeartbeatStatus hb, String node) {
        if (node.equals(view.localNode())) {
            return Cell.of("/", Cell.GREY, color());
        }
        HeartbeatStatus.Peer p = hb.peers().get(node);
        if (p == null) {
            return Cell.of("/", Cell.GREY, color());
        }
        return p.beating() ? Cell.of("O", Cell.GREEN, color()) : Cell.of("X", Cell.RED, color());
    }

    /** One row per arbitrator any node reports: {@code up} when every reporting node reaches it. */
    private void arbitrators(DaemonStatus data, List<String> nodes) {
        Map<String, String> names = new LinkedHashMap<>();
        for (NodeData nd : data.nodes().values()) {
            nd.arbitrators().forEach((section, a) -> names.putIfAbsent(section, a.name()));
        }
        if (names.isEmpty()) {
            return;
        }
        title("Arbitrators", nodes, false);
        new java.util.TreeMap<>(names).forEach((section, name) -> {
            List<Cell> cells = new ArrayList<>();
            boolean allUp = true;
            for (String n : nodes) {
                NodeData nd = data.nodes().get(n);
                ArbitratorStatus a = nd == null ? null : nd.arbitrators().get(section);
                if (a == null) {
                    cells.add(Cell.of("/", Cell.GREY, color()));
                } else if ("up".equals(a.status())) {
                    cells.add(Cell.of("O", Cell.GREEN, color()));
                } else {
                    allUp = false;
                    cells.add(Cell.of("X", Cell.RED, color()));
                }
            }
            List<Cell> r = row(name == null || name.isEmpty() ? section : name,
                    allUp ? Cell.of("up", Cell.GREEN, color()) : Cell.of("warn", Cell.YELLOW, color()), "");
            r.add(Cell.plain("|"));
            r.addAll(cells);
            rows.add(r);
        });
        rows.add(List.of());
    }

    private void nodes(DaemonStatus data, List<String> nodes) {
        title("Nodes", nodes, false);
        List<Cell> load = row("15m", Cell.EMPTY, "");
        List<Cell> state = row("state", Cell.EMPTY, "");
        load.add(Cell.plain("|"));
        state.add(Cell.plain("|"));
        for (String n : nodes) {
            NodeData nd = data.nodes().get(n);
            if (nd == null) {
                load.add(Cell.of("/", Cell.GREY, color()));
                state.add(Cell.EMPTY);
                continue;
            }
            load.add(Cell.plain(nd.stats().loadKnown()
                    ? String.format(Locale.ROOT, "%.1f", nd.stats().load15m()) : "/"));
            Cell.Builder s = new Cell.Builder(color());
            if (!nd.monitor().idle()) {
                s.add(nd.monitor().state(), nd.monitor().state().contains("failed") ? Cell.RED : null);
            }
            if (nd.frozen()) {
                s.add("*", Cell.BLUE);
            }
            String expect = nd.monitor().globalExpect();
            if (expect != null && !"none".equals(expect)) {
                s.add(" >" + expect, Cell.CYAN);
            }
            state.add(s.build());
        }
        rows.add(load);
        rows.add(state);
        rows.add(List.of());
    }

    private void services(DaemonStatus data, List<String> nodes) {
        title("Services", nodes, true);
        NodeData[] nodeData = new NodeData[nodes.size()];
        for (int i = 0; i < nodeData.length; i++) {
            nodeData[i] = data.nodes().get(nodes.get(i));
        }
        for (Map.Entry<String, ObjectStatus> e : data.objects().entrySet()) {
            String p = e.getKey();
            ObjectStatus o = e.getValue();
            List<Cell> r = row(p, objectStatus(o), o.topology());
            if (view.stats() != null) {
                stats(r, view.stats().object(p));
            }
            r.add(SEPARATOR_CELL);
            boolean objectUp = o.avail() == Status.UP;
            for (int i = 0; i < nodeData.length; i++) {
                NodeData nd = nodeData[i];
                InstanceStatus inst = nd == null ? null : nd.instances().get(p);
                InstanceMonitor mon = inst == null ? null : nd.monitors().get(p);
                r.add(instanceCell(inst, mon, inst == null && o.scope().contains(nodes.get(i)), objectUp, color()));
            }
            rows.add(r);
        }
    }

    private Cell objectStatus(ObjectStatus o) {
        Cell.Builder c = new Cell.Builder(color());
        c.add(o.avail().word(), statusColour(o.avail()));
        if (o.overall() == Status.WARN) {
            c.add("!", Cell.YELLOW);
        }
        if ("non-optimal".equals(o.placement())) {
            c.add("^", Cell.RED);
        }
        return c.build();
    }

    private static String statusColour(Status s) {
        return switch (s) {
            case UP -> Cell.GREEN;
            case DOWN -> Cell.RED;
            case WARN -> Cell.YELLOW;
            default -> null;
        };
    }

    /** The markers of status.md section 7 for one instance, without colour. */
    static String instanceCell(InstanceStatus inst, InstanceMonitor mon, boolean inScope) {
        return instanceCell(inst, mon, inScope, false, false).text();
    }

    /**
     * The instance cell: avail marker, {@code !} overall warn, {@code ^} leader, {@code *} frozen, {@code P} not
     * fully provisioned, then the monitor state when not idle, else the global expect when set. Blank when the
     * node does not host the object, {@code /} when it is in the object's nodes but sent no data for it.
     */
    static Cell instanceCell(InstanceStatus inst, InstanceMonitor mon, boolean inScope, boolean objectUp,
                             boolean color) {
        if (inst == null) {
            return inScope ? Cell.of("/", Cell.GREY, color) : Cell.EMPTY;
        }
        Cell.Builder c = new Cell.Builder(color);
        switch (inst.avail()) {
            case UP -> c.add("O", Cell.GREEN);
            case STDBY_UP -> c.add("o", objectUp ? Cell.GREY : null);
            case DOWN -> c.add("X", objectUp ? Cell.GREY : Cell.RED);
            case STDBY_DOWN -> c.add("x", Cell.RED);
            case WARN -> c.add("!", Cell.YELLOW);
            default -> c.add("/", Cell.GREY);
        }
        if (inst.overall() == Status.WARN) {
            c.add("!", Cell.YELLOW);
        }
        if (mon != null && mon.isLeader()) {
            c.add("^", Cell.CYAN);
        }
        if (inst.frozen()) {
            c.add("*", Cell.BLUE);
        }
        String prov = inst.provisioned() == null ? "true" : inst.provisioned();
        if (prov.equals("false") || prov.equals("mixed")) {
            c.add("P", Cell.RED);
        }
        String state = mon == null || mon.state() == null ? "idle" : mon.state();
        String expect = mon == null || mon.globalExpect() == null ? "none" : mon.globalExpect();
        if (!state.equals("idle")) {
            c.add(" " + state, state.contains("failed") ? Cell.RED : null);
        } else if (!expect.equals("none")) {
            c.add(" >" + expect, Cell.CYAN);
        }
        return c.build();
    }

    private String layout() {
        int cols = 0;
        for (List<Cell> r : rows) {
            cols = Math.max(cols, r.size());
        }
        int[] width = new int[cols];
        for (List<Cell> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).width());
            }
        }
        StringBuilder b = new StringBuilder(rows.size() * 64);
        for (List<Cell> r : rows) {
            int last = r.size() - 1;
            while (last >= 0 && r.get(last).isEmpty()) {
                last--;
            }
            boolean first = true;
            for (int i = 0; i <= last; i++) {
                if (width[i] == 0) {
                    continue;
                }
                if (!first) {
                    b.append(' ');
                }
                first = false;
                boolean right = i >= STATS && i < SEPARATOR;
                r.get(i).appendTo(b, width[i], right, i < last);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The {@code --stats} cells of the rows: five strings each ({@link #STATS_LABELS}), null for none. */
    public interface MonStats {
        List<String> thread(String name);

        List<String> object(String path);
    }
}
