package om.orchestrator.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import om.api.daemon.NodeStats;
import om.api.status.Status;

/**
 * Candidates, their order and the leaders of an object (orchestration.md section 4): pure functions of the
 * object's facts and what each node reports, so every node computes the same leaders from the same data. This is
 * the one copy of the ranking: the daemon's {@code om mon} markers and the orchestrator both use it.
 */
public final class Placement {
    public static final String NONE = "none";
    /** A scaler slice is named {@code <index>.<name>}: {@code shift} rotates by that index. */
    private static final Pattern SLICE = Pattern.compile("^(?:[^/]*/[^/]*/)?(\\d+)\\..+$");

    private Placement() {
    }

    /**
     * One node in {@code print placement}.
     *
     * @param candidate whether the node may run the object
     * @param rank      1 for the first candidate in policy order, 0 when not a candidate (or policy {@code none})
     * @param leader    whether the node is a leader
     * @param why       why the node is not a candidate (empty when it is): {@code not in nodes}, {@code dead},
     *                  {@code node frozen}, {@code node not idle (<state>)}, {@code no instance},
     *                  {@code instance frozen}, {@code instance n/a}, {@code not provisioned},
     *                  {@code part-provisioned}, {@code start failed}; or {@code placement none}
     */
    public record Row(String node, boolean candidate, int rank, boolean leader, List<String> why) {
        public Row {
            why = List.copyOf(why);
        }

        public String line() {
            if (candidate) {
                return node + " candidate rank " + rank + (leader ? " leader" : "") + (why.isEmpty() ? ""
                        : ": " + String.join(", ", why));
            }
            return node + " not candidate: " + String.join(", ", why);
        }
    }

    /**
     * Why {@code node} is not a candidate, empty when it is. {@code assumeAlive} evaluates a dead or silent node as
     * if it were alive and had no objection ({@code orchestrate = start} ranks every node of {@code nodes}).
     */
    public static List<String> why(ObjectFacts f, String node, NodeView v, boolean assumeAlive) {
        List<String> out = new ArrayList<>();
        if (!f.nodes().contains(node)) {
            out.add("not in nodes");
        }
        if (v == null || !v.alive()) {
            if (!assumeAlive) {
                out.add("dead");
            }
            return out;
        }
        if (v.frozen()) {
            out.add("node frozen");
        }
        if (!v.idle()) {
            out.add("node not idle (" + v.monitor().state() + ")");
        }
        InstanceView i = v.instance();
        if (i == null) {
            out.add("no instance");
            return out;
        }
        if (i.frozen()) {
            out.add("instance frozen");
        }
        if (i.avail() == Status.NA) {
            out.add("instance n/a");
        }
        if ("false".equals(i.provisioned())) {
            out.add("not provisioned");
        } else if ("mixed".equals(i.provisioned())) {
            out.add("part-provisioned");
        }
        if ("start failed".equals(i.monitor().state())) {
            out.add("start failed");
        }
        return out;
    }

    /** The candidates in policy order (empty for policy {@code none}). */
    public static List<String> ranked(ObjectFacts f, Map<String, NodeView> nodes) {
        return ranked(f, nodes, false);
    }

    private static List<String> ranked(ObjectFacts f, Map<String, NodeView> nodes, boolean assumeAlive) {
        if (NONE.equals(f.placement())) {
            return List.of();
        }
        List<String> cand = new ArrayList<>();
        for (String n : f.nodes()) {
            if (why(f, n, nodes.get(n), assumeAlive).isEmpty() && !cand.contains(n)) {
                cand.add(n);
            }
        }
        return order(f, cand, nodes);
    }

    /** The leaders: the first 1 (failover) or {@code flex_target} (flex) candidates, in rank order. */
    public static List<String> leaders(ObjectFacts f, Map<String, NodeView> nodes) {
        List<String> r = ranked(f, nodes);
        return List.copyOf(r.subList(0, Math.min(f.leaderCount(), r.size())));
    }

    /**
     * The natural leader of {@code orchestrate = start}: the first node of the candidate order computed as if every
     * node of {@code nodes} were alive; null when there is none.
     */
    public static String naturalLeader(ObjectFacts f, Map<String, NodeView> nodes) {
        List<String> r = ranked(f, nodes, true);
        return r.isEmpty() ? null : r.get(0);
    }

    /** The natural leaders of a flex object with {@code orchestrate = start}: the first {@code flex_target}. */
    public static List<String> naturalLeaders(ObjectFacts f, Map<String, NodeView> nodes) {
        List<String> r = ranked(f, nodes, true);
        return List.copyOf(r.subList(0, Math.min(f.leaderCount(), r.size())));
    }

    /**
     * {@code print placement}: the nodes of {@code nodes} in order, then {@code drpnodes}, then any other node
     * holding an instance (sorted), each with its candidacy, rank, leadership and reasons.
     */
    public static List<Row> explain(ObjectFacts f, Map<String, NodeView> nodes) {
        Set<String> shown = new LinkedHashSet<>(f.nodes());
        shown.addAll(f.drpnodes());
        nodes.forEach((n, v) -> {
            if (v.instance() != null) {
                shown.add(n);
            }
        });
        List<String> ranked = ranked(f, nodes);
        List<String> leaders = leaders(f, nodes);
        boolean none = NONE.equals(f.placement());
        List<Row> rows = new ArrayList<>();
        for (String n : shown) {
            List<String> why = why(f, n, nodes.get(n), false);
            if (none && why.isEmpty()) {
                rows.add(new Row(n, true, 0, false, List.of("placement none")));
            } else {
                rows.add(new Row(n, why.isEmpty(), ranked.indexOf(n) + 1, leaders.contains(n), why));
            }
        }
        return rows;
    }

    /** {@code candidates} (in {@code nodes} order) sorted by the object's policy. */
    static List<String> order(ObjectFacts f, List<String> candidates, Map<String, NodeView> nodes) {
        List<String> out = new ArrayList<>(candidates);
        Comparator<String> byNodes = Comparator.comparingInt(n -> f.nodes().indexOf(n));
        switch (f.placement()) {
            case "load avg" -> out.sort(Comparator.comparingDouble((String n) -> load(nodes.get(n)))
                    .thenComparing(byNodes));
            case "score" -> out.sort(Comparator.comparingInt((String n) -> score(nodes.get(n))).reversed()
                    .thenComparing(byNodes));
            case "spread" -> out.sort(Comparator.comparing((String n) -> spread(f.path(), n)));
            case "last start" -> out.sort(Comparator.comparing((String n) -> lastStart(nodes.get(n)),
                    Comparator.reverseOrder()).thenComparing(byNodes));
            case "shift" -> {
                out.sort(byNodes);
                if (!out.isEmpty()) {
                    java.util.Collections.rotate(out, -(sliceIndex(f.path()) % out.size()));
                }
            }
            default -> out.sort(byNodes);
        }
        return out;
    }

    /** The slice index of a scaler slice ({@code 3.web}: 3), 0 for an ordinary object. */
    static int sliceIndex(String path) {
        Matcher m = SLICE.matcher(path);
        if (!m.matches()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double load(NodeView v) {
        NodeStats s = v == null ? null : v.stats();
        // an unknown load ranks after every known one
        return s == null || !s.loadKnown() ? Double.MAX_VALUE : s.load15m();
    }

    private static int score(NodeView v) {
        return v == null || v.stats() == null ? 0 : v.stats().score();
    }

    private static Instant lastStart(NodeView v) {
        Instant t = v == null || v.instance() == null ? null : v.instance().lastStartedAt();
        return t == null ? Instant.EPOCH : t;
    }

    /** MD5 of {@code <path><nodename>} in hex: hex strings compare as the digest's unsigned bytes do. */
    static String spread(String path, String node) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((path + node).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
