package om.daemon.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;
import om.api.json.DatasetJson;
import om.api.status.InstanceStatus;

/**
 * The batch of operations between two successive versions of the local node data, at the granularity peers
 * need: a changed instance (status or monitor) is one {@code replace /services/status/<path>}, a changed config
 * summary one {@code replace /services/config/<path>}, a member of the node (monitor, frozen, stats,
 * arbitrators...) one replace of that member, the deletions one {@code replace /services/deleted}. Only what changed is encoded: one instance change at
 * 1,000 objects encodes one instance document. {@code gen} and {@code updated_at} are never in a batch (the
 * message carries them).
 */
final class Batches {
    static final String SERVICES = "services";
    static final String CONFIG = "config";
    static final String STATUS = "status";
    /** {@code services.deleted}: the tombstones, a map small enough to travel whole. */
    static final String DELETED = "deleted";

    private Batches() {
    }

    /** The node data without its objects: what the members outside {@code services} are encoded from. */
    static NodeData head(NodeData d) {
        return new NodeData(d.monitor(), d.frozen(), d.frozenAt(), d.updatedAt(), d.gen(), d.stats(),
                d.arbitrators(), Map.of(), Map.of(), Map.of(), d.deleted());
    }

    /** The operations turning {@code prev} into {@code next}. */
    static List<Op> diff(NodeData prev, NodeData next) {
        List<Op> ops = new ArrayList<>();
        headOps(prev, next, ops);
        configOps(prev.configs(), next.configs(), next, ops);
        TreeSet<String> paths = new TreeSet<>(prev.instances().keySet());
        paths.addAll(next.instances().keySet());
        for (String p : paths) {
            InstanceStatus a = prev.instances().get(p);
            InstanceStatus b = next.instances().get(p);
            InstanceMonitor ma = prev.monitors().get(p);
            InstanceMonitor mb = next.monitors().get(p);
            if (same(a, b) && same(ma, mb)) {
                continue;
            }
            ops.add(b == null ? Op.remove(Op.pointer(SERVICES, STATUS, p))
                    : Op.replace(Op.pointer(SERVICES, STATUS, p), DatasetJson.instance(b, mb)));
        }
        return ops;
    }

    private static boolean same(Object a, Object b) {
        // the monitor keeps the very record until something changed: identity first, it is the common case
        return a == b || Objects.equals(a, b);
    }

    private static void headOps(NodeData prev, NodeData next, List<Op> ops) {
        NodeData a = head(prev);
        NodeData b = head(next);
        if (a.monitor().equals(b.monitor()) && a.frozen() == b.frozen() && Objects.equals(a.frozenAt(), b.frozenAt())
                && a.stats().equals(b.stats()) && a.arbitrators().equals(b.arbitrators())
                && a.deleted().equals(b.deleted())) {
            return;
        }
        ObjectNode ja = DatasetJson.nodeData(a);
        ObjectNode jb = DatasetJson.nodeData(b);
        TreeSet<String> names = new TreeSet<>();
        ja.fieldNames().forEachRemaining(names::add);
        jb.fieldNames().forEachRemaining(names::add);
        names.remove("gen");
        names.remove("updated_at");
        names.remove(SERVICES);
        for (String n : names) {
            JsonNode va = ja.get(n);
            JsonNode vb = jb.get(n);
            if (vb == null) {
                ops.add(Op.remove(Op.pointer(n)));
            } else if (!vb.equals(va)) {
                ops.add(Op.replace(Op.pointer(n), vb));
            }
        }
        JsonNode da = ja.path(SERVICES).path(DELETED);
        JsonNode db = jb.path(SERVICES).path(DELETED);
        if (!da.equals(db)) {
            ops.add(db.isMissingNode() ? Op.remove(Op.pointer(SERVICES, DELETED))
                    : Op.replace(Op.pointer(SERVICES, DELETED), db));
        }
    }

    private static void configOps(Map<String, ObjectConfigSummary> prev, Map<String, ObjectConfigSummary> next,
                                  NodeData d, List<Op> ops) {
        Map<String, ObjectConfigSummary> changed = new TreeMap<>();
        TreeSet<String> paths = new TreeSet<>(prev.keySet());
        paths.addAll(next.keySet());
        for (String p : paths) {
            ObjectConfigSummary a = prev.get(p);
            ObjectConfigSummary b = next.get(p);
            if (same(a, b)) {
                continue;
            }
            if (b == null) {
                ops.add(Op.remove(Op.pointer(SERVICES, CONFIG, p)));
            } else {
                changed.put(p, b);
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        // encoded together, through the one codec: only the changed summaries
        NodeData only = new NodeData(d.monitor(), d.frozen(), d.frozenAt(), d.updatedAt(), Map.of(), d.stats(),
                Map.of(), changed, Map.of(), Map.of(), Map.of());
        JsonNode cfg = DatasetJson.nodeData(only).path(SERVICES).path(CONFIG);
        for (Iterator<Map.Entry<String, JsonNode>> it = cfg.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            ops.add(Op.replace(Op.pointer(SERVICES, CONFIG, e.getKey()), e.getValue()));
        }
    }
}
