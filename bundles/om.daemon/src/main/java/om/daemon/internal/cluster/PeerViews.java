package om.daemon.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import om.api.daemon.DaemonEvent;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;
import om.api.json.DatasetJson;
import om.api.status.InstanceStatus;

/**
 * Typed node data of a peer from its JSON tree, after {@link Exchange#receive}: a replaced tree is decoded whole
 * (through {@link DatasetJson}, the one codec); a patched one only in the members its operations touched (one
 * instance changed at 1,000 objects decodes one instance document). Also the events the change makes.
 */
final class PeerViews {
    private PeerViews() {
    }

    /** The peer's new typed data and the events of the change. */
    record Update(NodeData data, List<DaemonEvent> events) {
    }

    /**
     * @param previous the peer's typed data before, null when none
     * @throws IllegalArgumentException when the tree does not decode (the peer must send a full)
     */
    static Update update(String node, Exchange.Received r, NodeData previous, Instant at) {
        ObjectNode tree = r.tree();
        if (r.change() == Exchange.Change.REPLACED || previous == null) {
            NodeData d = DatasetJson.nodeData(node, tree);
            List<DaemonEvent> ev = new ArrayList<>();
            ev.add(new DaemonEvent.NodeDataUpdated(at, node, d));
            if (previous != null) {
                objectEvents(node, previous, d, null, null, at, ev);
            }
            return new Update(d, ev);
        }
        boolean head = false;
        boolean everything = false;
        Set<String> configs = new TreeSet<>();
        Set<String> statuses = new TreeSet<>();
        for (String pointer : r.touched()) {
            List<String> names = Op.names(pointer);
            if (names.isEmpty() || !Batches.SERVICES.equals(names.get(0))
                    || names.size() >= 2 && Batches.DELETED.equals(names.get(1))) {
                head = true;
            } else if (names.size() >= 3 && Batches.CONFIG.equals(names.get(1))) {
                configs.add(names.get(2));
            } else if (names.size() >= 3 && Batches.STATUS.equals(names.get(1))) {
                statuses.add(names.get(2));
            } else {
                everything = true;
            }
        }
        if (everything) {
            NodeData d = DatasetJson.nodeData(node, tree);
            List<DaemonEvent> ev = new ArrayList<>();
            headEvents(node, previous, d, at, ev);
            objectEvents(node, previous, d, null, null, at, ev);
            return new Update(d, ev);
        }
        // a document of the head and the touched objects only, decoded by the one codec
        ObjectNode partial = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!Batches.SERVICES.equals(e.getKey())) {
                partial.set(e.getKey(), e.getValue());
            }
        }
        ObjectNode services = partial.putObject(Batches.SERVICES);
        ObjectNode cfg = services.putObject(Batches.CONFIG);
        ObjectNode st = services.putObject(Batches.STATUS);
        JsonNode del = tree.path(Batches.SERVICES).path(Batches.DELETED);
        if (del.isObject()) {
            services.set(Batches.DELETED, del);
        }
        JsonNode treeCfg = tree.path(Batches.SERVICES).path(Batches.CONFIG);
        JsonNode treeSt = tree.path(Batches.SERVICES).path(Batches.STATUS);
        for (String p : configs) {
            if (treeCfg.has(p)) {
                cfg.set(p, treeCfg.get(p));
            }
        }
        for (String p : statuses) {
            if (treeSt.has(p)) {
                st.set(p, treeSt.get(p));
            }
        }
        NodeData part = DatasetJson.nodeData(node, partial);
        Map<String, ObjectConfigSummary> c = new TreeMap<>(previous.configs());
        Map<String, InstanceStatus> i = new TreeMap<>(previous.instances());
        Map<String, InstanceMonitor> m = new TreeMap<>(previous.monitors());
        for (String p : configs) {
            put(c, p, part.configs().get(p));
        }
        for (String p : statuses) {
            put(i, p, part.instances().get(p));
            put(m, p, part.monitors().get(p));
        }
        NodeData h = head ? part : previous;
        NodeData d = new NodeData(h.monitor(), h.frozen(), h.frozenAt(), part.updatedAt(), part.gen(), h.stats(),
                h.arbitrators(), c, i, m, h.deleted());
        List<DaemonEvent> ev = new ArrayList<>();
        if (head) {
            headEvents(node, previous, d, at, ev);
        }
        objectEvents(node, previous, d, configs, statuses, at, ev);
        return new Update(d, ev);
    }

    private static <V> void put(Map<String, V> m, String key, V value) {
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
    }

    private static void headEvents(String node, NodeData a, NodeData b, Instant at, List<DaemonEvent> ev) {
        if (!Objects.equals(a.monitor(), b.monitor())) {
            ev.add(new DaemonEvent.NodeMonitorUpdated(at, node, b.monitor()));
        }
        if (!Objects.equals(a.stats(), b.stats())) {
            ev.add(new DaemonEvent.NodeStatsUpdated(at, node, b.stats()));
        }
        if (a.frozen() != b.frozen() || !a.arbitrators().equals(b.arbitrators())
                || !a.deleted().equals(b.deleted()) || !Exchange.held(a.gen()).equals(Exchange.held(b.gen()))) {
            ev.add(new DaemonEvent.NodeDataUpdated(at, node, b));
        }
    }

    /** Events of the objects that differ; {@code configs}/{@code statuses} null: look at every object. */
    static void objectEvents(String node, NodeData a, NodeData b, Set<String> configs, Set<String> statuses,
                             Instant at, List<DaemonEvent> ev) {
        Set<String> cp = configs;
        if (cp == null) {
            cp = new TreeSet<>(a.configs().keySet());
            cp.addAll(b.configs().keySet());
        }
        for (String p : cp) {
            ObjectConfigSummary y = b.configs().get(p);
            if (y != null && !y.equals(a.configs().get(p))) {
                ev.add(new DaemonEvent.ConfigUpdated(at, node, p, y));
            }
        }
        Set<String> sp = statuses;
        if (sp == null) {
            sp = new TreeSet<>(a.instances().keySet());
            sp.addAll(b.instances().keySet());
        }
        for (String p : sp) {
            InstanceStatus x = a.instances().get(p);
            InstanceStatus y = b.instances().get(p);
            if (y == null) {
                if (x != null) {
                    ev.add(new DaemonEvent.InstanceStatusDeleted(at, node, p));
                }
                continue;
            }
            if (!y.equals(x)) {
                ev.add(new DaemonEvent.InstanceStatusUpdated(at, node, p, y));
            }
            InstanceMonitor my = b.monitors().get(p);
            if (my != null && !my.equals(a.monitors().get(p))) {
                ev.add(new DaemonEvent.InstanceMonitorUpdated(at, node, p, my));
            }
        }
    }
}
