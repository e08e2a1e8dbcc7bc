package om.daemon.internal.monitor;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import om.api.daemon.NodeData;

/**
 * What a change of the peers' data means for the aggregation, found by comparing the peers' data before and
 * after: the objects whose instances, monitors or config summaries differ on some peer, whether a peer's node
 * figures changed (they order candidates for the {@code load avg} and {@code score} placements only), or
 * everything (a peer came or went, or its node monitor or frozen flag changed: every object's candidates).
 * A peer's figures change every 10 s: recomputing 1,000 objects each time was the idle monitor's main work.
 *
 * @param all   every object is to be aggregated again
 * @param paths the objects to aggregate again (when not {@code all})
 * @param stats a peer's figures changed: the objects placed by figures are to be aggregated again too
 */
record PeerChanges(boolean all, Set<String> paths, boolean stats) {
    static final PeerChanges ALL = new PeerChanges(true, Set.of(), false);

    /** Placement policies that order candidates by the node figures ({@link Placement}). */
    static boolean byFigures(String placementPolicy) {
        return "load avg".equals(placementPolicy) || "score".equals(placementPolicy);
    }

    static PeerChanges between(Map<String, NodeData> before, Map<String, NodeData> after) {
        if (before == null || !before.keySet().equals(after.keySet())) {
            return ALL;
        }
        Set<String> paths = new TreeSet<>();
        boolean stats = false;
        for (Map.Entry<String, NodeData> e : after.entrySet()) {
            NodeData a = before.get(e.getKey());
            NodeData b = e.getValue();
            if (a == b) {
                continue;
            }
            if (!Objects.equals(a.monitor(), b.monitor()) || a.frozen() != b.frozen()) {
                return ALL;
            }
            stats |= !Objects.equals(a.stats(), b.stats());
            differing(a.instances(), b.instances(), paths);
            differing(a.monitors(), b.monitors(), paths);
            differing(a.configs(), b.configs(), paths);
        }
        return new PeerChanges(false, paths, stats);
    }

    /** Adds the keys whose values differ between two maps (present in one only, or unequal). */
    private static <V> void differing(Map<String, V> a, Map<String, V> b, Set<String> out) {
        if (a == b) {
            return;
        }
        a.forEach((k, v) -> {
            V w = b.get(k);
            if (v != w && !v.equals(w)) {
                out.add(k);
            }
        });
        b.keySet().forEach(k -> {
            if (!a.containsKey(k)) {
                out.add(k);
            }
        });
    }
}
