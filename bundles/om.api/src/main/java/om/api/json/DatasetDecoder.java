package om.api.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import om.api.ObjectPath;
import om.api.daemon.ArbitratorStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;

/**
 * The reading half of {@link DatasetJson}: a peer's document becomes the typed records again, or an
 * {@link IllegalArgumentException} naming the member that is wrong. Every value is checked before it reaches a
 * record constructor, so bad data from the network cannot surface as a NullPointerException or a parse error.
 */
final class DatasetDecoder {
    /** The default {@code priority} keyword, for documents without the member. */
    private static final int DEFAULT_PRIORITY = 50;

    private DatasetDecoder() {
    }

    /**
     * Where a value sits in the document, built as the reader descends and turned into text only for an error
     * message (the path of every member of 10,000 instances is never needed otherwise).
     */
    static final class At {
        static final At ROOT = new At(null, null);

        private final At parent;
        private final String name;

        private At(At parent, String name) {
            this.parent = parent;
            this.name = name;
        }

        At at(String member) {
            return new At(this, member);
        }

        /** The member's key as flat_json writes it: quoted when it contains {@code / # . $}. */
        String path(String member) {
            StringBuilder b = new StringBuilder();
            append(b);
            if (member != null) {
                if (b.length() > 0 && !member.startsWith("[")) {
                    b.append('.');
                }
                b.append(member.startsWith("[") ? member : quoted(member));
            }
            return b.length() == 0 ? "document" : b.toString();
        }

        private void append(StringBuilder b) {
            if (parent == null) {
                return;
            }
            parent.append(b);
            // a list index follows its list as in flat_json: log[0]
            if (b.length() > 0 && !name.startsWith("[")) {
                b.append('.');
            }
            b.append(name.startsWith("[") ? name : quoted(name));
        }

        private static String quoted(String name) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c == '/' || c == '#' || c == '.' || c == '$') {
                    return "'" + name + "'";
                }
            }
            return name;
        }

        IllegalArgumentException bad(String member, String problem) {
            return new IllegalArgumentException(path(member) + ": " + problem);
        }
    }

    static NodeData nodeData(String node, JsonNode doc) {
        At at = At.ROOT;
        object(doc, at, null);
        JsonNode mon = member(doc, "monitor", at);
        At monAt = at.at("monitor");
        object(mon, at, "monitor");
        NodeMonitor monitor = new NodeMonitor(text(mon, "state", monAt), text(mon, "global_expect", monAt),
                time(mon, "state_updated_at", monAt));
        boolean frozen = bool(doc, "frozen", at);
        Instant frozenAt = time(doc, "frozen_at", at);
        Instant updatedAt = time(doc, "updated_at", at);
        Map<String, Long> gen = new TreeMap<>();
        JsonNode g = member(doc, "gen", at);
        object(g, at, "gen");
        At genAt = at.at("gen");
        for (Iterator<String> it = g.fieldNames(); it.hasNext(); ) {
            String n = it.next();
            gen.put(n, longValue(g, n, genAt));
        }
        NodeStats stats = stats(member(doc, "stats", at), at.at("stats"));
        Map<String, ArbitratorStatus> arbitrators = new TreeMap<>();
        JsonNode arb = member(doc, "arbitrators", at);
        object(arb, at, "arbitrators");
        At arbAt = at.at("arbitrators");
        for (Iterator<Map.Entry<String, JsonNode>> it = arb.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            At a = arbAt.at(e.getKey());
            object(e.getValue(), arbAt, e.getKey());
            arbitrators.put(e.getKey(), new ArbitratorStatus(text(e.getValue(), "name", a),
                    text(e.getValue(), "status", a)));
        }
        JsonNode services = member(doc, "services", at);
        object(services, at, "services");
        At svcAt = at.at("services");
        Map<String, ObjectConfigSummary> configs = configs(member(services, "config", svcAt), svcAt.at("config"));
        Map<String, InstanceStatus> instances = new TreeMap<>();
        Map<String, InstanceMonitor> monitors = new TreeMap<>();
        JsonNode status = member(services, "status", svcAt);
        object(status, svcAt, "status");
        At statusAt = svcAt.at("status");
        for (Iterator<Map.Entry<String, JsonNode>> it = status.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            At i = statusAt.at(e.getKey());
            object(e.getValue(), statusAt, e.getKey());
            instances.put(e.getKey(), instanceStatus(node, e.getKey(), e.getValue(), i));
            InstanceMonitor m = instanceMonitor(e.getValue(), i);
            if (m != null) {
                monitors.put(e.getKey(), m);
            }
        }
        Map<String, Instant> deleted = new TreeMap<>();
        JsonNode del = services.get("deleted");
        // an om addition: a peer that predates it sends none
        if (del != null && !del.isNull()) {
            object(del, svcAt, "deleted");
            At delAt = svcAt.at("deleted");
            for (Iterator<String> it = del.fieldNames(); it.hasNext(); ) {
                String p = it.next();
                Instant t = time(del, p, delAt);
                if (t == null) {
                    throw delAt.bad(p, "expected a time, got null");
                }
                deleted.put(p, t);
            }
        }
        return new NodeData(monitor, frozen, frozenAt, updatedAt, gen, stats, arbitrators, configs, instances,
                monitors, deleted);
    }

    private static NodeStats stats(JsonNode s, At at) {
        if (s == null || !s.isObject()) {
            throw at.bad(null, "expected an object");
        }
        JsonNode load = s.get("load_15m");
        double load15m = Double.NaN;
        // left out when unknown
        if (load != null && !load.isNull()) {
            if (!load.isNumber()) {
                throw at.bad("load_15m", "expected a number, got " + type(load));
            }
            load15m = load.doubleValue();
        }
        return new NodeStats(load15m, intValue(s, "score", at), longValue(s, "mem_total_mb", at),
                intValue(s, "mem_avail_pct", at), longValue(s, "swap_total_mb", at),
                intValue(s, "swap_avail_pct", at));
    }

    private static Map<String, ObjectConfigSummary> configs(JsonNode config, At at) {
        if (!config.isObject()) {
            throw at.bad(null, "expected an object, got " + type(config));
        }
        Map<String, ObjectConfigSummary> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            At c = at.at(e.getKey());
            object(e.getValue(), at, e.getKey());
            JsonNode v = e.getValue();
            out.put(e.getKey(), new ObjectConfigSummary(strings(v, "scope", c), text(v, "csum", c),
                    time(v, "updated_at", c)));
        }
        return out;
    }

    static InstanceStatus instanceStatus(String node, String path, JsonNode doc, At at) {
        object(doc, at, null);
        List<String> running = strings(doc, "running", at);
        Set<String> runningRids = new HashSet<>(running);
        JsonNode res = member(doc, "resources", at);
        object(res, at, "resources");
        At resAt = at.at("resources");
        Map<String, ResourceStatus> resources = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = res.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            object(e.getValue(), resAt, e.getKey());
            resources.put(e.getKey(), resource(e.getKey(), e.getValue(), resAt.at(e.getKey()),
                    runningRids.contains(e.getKey())));
        }
        JsonNode priority = doc.get("priority");
        return new InstanceStatus(path, node, kind(doc, path, at), text(doc, "topology", at),
                text(doc, "orchestrate", at), status(doc, "avail", at), status(doc, "overall", at),
                status(doc, "optional", at), text(doc, "provisioned", at), bool(doc, "frozen", at),
                time(doc, "frozen_at", at), time(doc, "updated_at", at), time(doc, "last_started_at", at), running,
                resources, priority == null ? DEFAULT_PRIORITY : intValue(doc, "priority", at));
    }

    /** The {@code kind} member, an om addition: the kind of the path when absent (the spec's sample has none). */
    private static String kind(JsonNode doc, String path, At at) {
        if (doc.get("kind") != null) {
            return text(doc, "kind", at);
        }
        try {
            return ObjectPath.parse(path).kind().word();
        } catch (RuntimeException e) {
            throw at.bad("kind", "missing, and '" + path + "' is not an object path");
        }
    }

    private static ResourceStatus resource(String rid, JsonNode r, At at, boolean running) {
        List<LogEntry> log = new ArrayList<>();
        JsonNode l = member(r, "log", at);
        if (!l.isArray()) {
            throw at.bad("log", "expected an array, got " + type(l));
        }
        At logAt = at.at("log");
        for (int i = 0; i < l.size(); i++) {
            JsonNode entry = l.get(i);
            String index = "[" + i + "]";
            if (!entry.isObject()) {
                throw logAt.bad(index, "expected an object, got " + type(entry));
            }
            At e = logAt.at(index);
            log.add(new LogEntry(level(entry, e), nullableText(entry, "message", e)));
        }
        return new ResourceStatus(rid, text(r, "type", at), nullableText(r, "label", at), status(r, "status", at),
                text(r, "provisioned", at), bool(r, "monitor", at), bool(r, "disable", at), bool(r, "optional", at),
                bool(r, "standby", at), bool(r, "encap", at), bool(r, "stopped", at), running,
                intValue(r, "restart", at), intValue(r, "restart_remaining", at), nullableText(r, "subset", at),
                strings(r, "tags", at), log);
    }

    private static Level level(JsonNode entry, At at) {
        String word = text(entry, "level", at);
        for (Level l : Level.values()) {
            if (l.name().equalsIgnoreCase(word)) {
                return l;
            }
        }
        throw at.bad("level", "not a level: '" + word + "' (debug, info, warn, error)");
    }

    static InstanceMonitor instanceMonitor(JsonNode doc, At at) {
        object(doc, at, null);
        JsonNode m = doc.get("monitor");
        if (m == null || m.isNull()) {
            return null;
        }
        object(m, at, "monitor");
        At monAt = at.at("monitor");
        // the members after state_updated_at came with the orchestrator: optional, so older peers still decode
        JsonNode opts = m.get("global_expect_options");
        List<String> destination = opts == null || opts.isNull() || !opts.has("destination") ? List.of()
                : strings(opts, "destination", monAt.at("global_expect_options"));
        return new InstanceMonitor(text(m, "state", monAt), text(m, "global_expect", monAt),
                text(m, "local_expect", monAt), bool(m, "is_leader", monAt), time(m, "state_updated_at", monAt),
                m.has("global_expect_updated_at") ? time(m, "global_expect_updated_at", monAt) : null, destination,
                m.has("orchestration_id") ? nullableText(m, "orchestration_id", monAt) : null,
                m.has("cleared_at") ? time(m, "cleared_at", monAt) : null);
    }

    // ---- typed members

    private static void object(JsonNode n, At at, String member) {
        if (n == null || !n.isObject()) {
            throw at.bad(member, "expected an object, got " + type(n));
        }
    }

    /** A member that must be present (it may be JSON null: the typed readers decide). */
    private static JsonNode member(JsonNode o, String name, At at) {
        JsonNode v = o.get(name);
        if (v == null) {
            throw at.bad(name, "missing");
        }
        return v;
    }

    private static String text(JsonNode o, String name, At at) {
        JsonNode v = member(o, name, at);
        if (!v.isTextual()) {
            throw at.bad(name, "expected a string, got " + type(v));
        }
        return v.textValue();
    }

    private static String nullableText(JsonNode o, String name, At at) {
        JsonNode v = member(o, name, at);
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw at.bad(name, "expected a string or null, got " + type(v));
        }
        return v.textValue();
    }

    private static boolean bool(JsonNode o, String name, At at) {
        JsonNode v = member(o, name, at);
        if (!v.isBoolean()) {
            throw at.bad(name, "expected true or false, got " + type(v));
        }
        return v.booleanValue();
    }

    private static int intValue(JsonNode o, String name, At at) {
        JsonNode v = member(o, name, at);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw at.bad(name, "expected an integer, got " + type(v));
        }
        return v.intValue();
    }

    private static long longValue(JsonNode o, String name, At at) {
        JsonNode v = member(o, name, at);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw at.bad(name, "expected an integer, got " + type(v));
        }
        return v.longValue();
    }

    private static Status status(JsonNode o, String name, At at) {
        String word = text(o, name, at);
        return Status.fromWord(word).orElseThrow(() -> at.bad(name, "not a status: '" + word + "'"));
    }

    /** An RFC 3339 timestamp or null. */
    private static Instant time(JsonNode o, String name, At at) {
        JsonNode v = member(o, name, at);
        if (v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw at.bad(name, "expected a time, got " + type(v));
        }
        try {
            return Instant.parse(v.textValue());
        } catch (DateTimeException e) {
            throw at.bad(name, "not an RFC 3339 time: '" + v.textValue() + "'");
        }
    }

    private static List<String> strings(JsonNode o, String name, At at) {
        JsonNode v = member(o, name, at);
        if (!v.isArray()) {
            throw at.bad(name, "expected an array, got " + type(v));
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (!e.isTextual()) {
                throw at.bad(name, "element " + i + ": expected a string, got " + type(e));
            }
            out.add(e.textValue());
        }
        return out;
    }

    private static String type(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
