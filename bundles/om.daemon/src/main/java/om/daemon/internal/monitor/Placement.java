package om.daemon.internal.monitor;

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
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectStatus;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/**
 * Placement leaders (orchestration.md section 4): a pure function of the object's facts and what each live node
 * reports, so every node computes the same leaders from the same data.
 */
final class Placement {
    private Placement() {
    }

    /** What a live node reports for one object; {@code instance} null when it holds no instance of it. */
    record Candidate(String node, NodeMonitor nodeMonitor, boolean nodeFrozen, NodeStats stats,
                     InstanceStatus instance, InstanceMonitor monitor) {
    }

    /** The leader nodes, in rank order. {@code live} maps node names to what they report. */
    static Set<String> leaders(String path, ObjectStatus.Facts facts, Map<String, Candidate> live) {
        if ("none".equals(facts.placementPolicy())) {
            return Set.of();
        }
        List<Candidate> candidates = new ArrayList<>();
        for (String n : facts.scope()) {
            Candidate c = live.get(n);
            if (c != null && candidate(c)) {
                candidates.add(c);
            }
        }
        candidates.sort(order(path, facts.placementPolicy(), facts.scope()));
        int count = "flex".equals(facts.topology()) ? Math.max(0, facts.flexTarget()) : 1;
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(count, candidates.size()); i++) {
            out.add(candidates.get(i).node());
        }
        return out;
    }

    /**
     * A candidate: the node is idle and not frozen; the instance is not frozen, its avail is not n/a, it is fully
     * provisioned, and its monitor has not failed a start.
     */
    static boolean candidate(Candidate c) {
        if (c.instance() == null || c.nodeFrozen() || c.nodeMonitor() != null && !c.nodeMonitor().idle()) {
            return false;
        }
        InstanceStatus i = c.instance();
        String prov = i.provisioned();
        return !i.frozen() && i.avail() != Status.NA && !"false".equals(prov) && !"mixed".equals(prov)
                && (c.monitor() == null || !"start failed".equals(c.monitor().state()));
    }

    private static Comparator<Candidate> order(String path, String policy, List<String> scope) {
        Comparator<Candidate> byNodes = Comparator.comparingInt(c -> scope.indexOf(c.node()));
        return switch (policy == null ? "nodes order" : policy) {
            case "load avg" -> Comparator.comparingDouble((Candidate c) -> load(c.stats())).thenComparing(byNodes);
            case "score" -> Comparator.comparingInt((Candidate c) -> c.stats() == null ? 0 : c.stats().score())
                    .reversed().thenComparing(byNodes);
            case "spread" -> Comparator.comparing((Candidate c) -> spread(path, c.node()));
            case "last start" -> Comparator.comparing((Candidate c) -> lastStart(c.instance()),
                    Comparator.reverseOrder()).thenComparing(byNodes);
            // shift: no rotation for ordinary (non-scaler) objects
            default -> byNodes;
        };
    }

    private static double load(NodeStats s) {
        return s == null || !s.loadKnown() ? Double.MAX_VALUE : s.load15m();
    }

    private static Instant lastStart(InstanceStatus i) {
        return i.lastStartedAt() == null ? Instant.EPOCH : i.lastStartedAt();
    }

    /** MD5 of {@code <path><nodename>}, compared as unsigned bytes: hex strings compare the same way. */
    static String spread(String path, String node) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((path + node).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
