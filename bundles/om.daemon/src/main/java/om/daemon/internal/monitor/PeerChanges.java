package om.daemon.internal.monitor;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import om.api.daemon.NodeData;

/**
 * What a change of the peers' data means for the aggregation, found by comparing the peers' data before and
 * after: the objects whose instances, monitors or config summaries differ on some peer, or everything (a peer
 * came or went, or its node monitor or frozen flag changed). A peer's figures change every 10 s and change no
 * aggregate (the leaders are the orchestrators'): they are not a change here.
 *
 * @param all   every object is to be aggregated again
 * @param paths the objects to aggregate again (when not {@code all})
 */
record PeerChanges(boolean all, Set<String> paths) {
    static final PeerChanges ALL = new PeerChanges(true, Set.of());

    static PeerChanges between(Map<String, NodeData> before, Map<String, NodeData> after) {
        if (before == null || !before.keySet().equals(after.keySet())) {
            return ALL;
        }
        Set<String> paths = new TreeSet<>();
        for (Map.Entry<String, NodeData> e : after.entrySet()) {
            NodeData a = before.get(e.getKey());
            NodeData b = e.getValue();
            if (a == b) {
                continue;
            }
            if (!Objects.equals(a.monitor(), b.monitor()) || a.frozen() != b.frozen()) {
                return ALL;
            }
            differing(a.instances(), b.instances(), paths);
            differing(a.monitors(), b.monitors(), paths);
            differing(a.configs(), b.configs(), paths);
        }
        return new PeerChanges(false, paths);
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
