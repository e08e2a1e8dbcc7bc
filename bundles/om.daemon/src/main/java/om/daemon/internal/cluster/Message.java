package om.daemon.internal.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import om.api.json.Json;

/**
 * A clear-text heartbeat message (heartbeats-and-daemon.md section 4):
 * {@code {"kind", "compat", "nodename", "updated_at", "gen", "events", "node_data", "monitor"}}, and the om
 * additions {@code heard} and {@code echo}.
 *
 * @param gen      per node, the last generation of that node's data the sender applied (its own: its generation)
 * @param events   the queued batches by generation (full and patch), empty for a ping
 * @param nodeData the sender's whole node data (full only), else null
 * @param monitor  the sender's node monitor (ping only), else null
 * @param heard    per heartbeat of the sender, the peers its rx hears beating now (an om addition, member
 *                 {@code heard}: the receiver's tx cells are "sent, and the peer said it hears us"); null when
 *                 the sender does not say (an older daemon), then the receiver's tx cells only tell its sends
 * @param echo     per peer, the {@code updated_at} of the last message the sender accepted from it (an om
 *                 addition, member {@code echo}): the receiver learns which of its own messages reached the sender,
 *                 so when that peer last heard it, on its own clock (its quorum counts only the peers that heard
 *                 it within the timeout); null when the sender does not say (an older daemon)
 */
record Message(String kind, int compat, String nodename, Instant updatedAt, Map<String, Long> gen,
               SortedMap<Long, List<Op>> events, ObjectNode nodeData, JsonNode monitor,
               Map<String, List<String>> heard, Map<String, Instant> echo) {
    static final String PING = "ping";
    static final String FULL = "full";
    static final String PATCH = "patch";
    /** The message format version; a peer with another is ignored. */
    static final int COMPAT = 1;

    Message {
        gen = Collections.unmodifiableSortedMap(new TreeMap<>(gen));
        events = Collections.unmodifiableSortedMap(new TreeMap<>(events));
        if (heard != null) {
            Map<String, List<String>> h = new TreeMap<>();
            heard.forEach((k, v) -> h.put(k, v.stream().sorted().toList()));
            heard = Collections.unmodifiableMap(h);
        }
        if (echo != null) {
            echo = Collections.unmodifiableSortedMap(new TreeMap<>(echo));
        }
    }

    /** Without {@code heard}: what the monitor builds; the hub adds what its rx threads hear when it seals. */
    Message(String kind, int compat, String nodename, Instant updatedAt, Map<String, Long> gen,
            SortedMap<Long, List<Op>> events, ObjectNode nodeData, JsonNode monitor) {
        this(kind, compat, nodename, updatedAt, gen, events, nodeData, monitor, null, null);
    }

    /** The same message saying what the sender's rx threads hear. */
    Message withHeard(Map<String, List<String>> h) {
        return new Message(kind, compat, nodename, updatedAt, gen, events, nodeData, monitor, h, echo);
    }

    /** The same message echoing the last message accepted from each peer. */
    Message withEcho(Map<String, Instant> e) {
        return new Message(kind, compat, nodename, updatedAt, gen, events, nodeData, monitor, heard, e);
    }

    /** The sender's own generation. */
    long ownGen() {
        return gen.getOrDefault(nodename, 0L);
    }

    /** The JSON bytes. */
    byte[] encode() {
        ObjectMapper m = Json.mapper();
        ByteArrayOutputStream out = new ByteArrayOutputStream(nodeData == null ? 512 : 64 << 10);
        try (JsonGenerator g = m.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("kind", kind);
            g.writeNumberField("compat", compat);
            g.writeStringField("nodename", nodename);
            g.writeStringField("updated_at", Json.time(updatedAt));
            g.writeObjectFieldStart("gen");
            for (Map.Entry<String, Long> e : gen.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("events");
            for (Map.Entry<Long, List<Op>> e : events.entrySet()) {
                g.writeArrayFieldStart(Long.toString(e.getKey()));
                for (Op op : e.getValue()) {
                    g.writeStartObject();
                    g.writeStringField("op", op.op());
                    g.writeStringField("path", op.path());
                    if (op.value() != null) {
                        g.writeFieldName("value");
                        m.writeTree(g, op.value());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            if (nodeData != null) {
                g.writeFieldName("node_data");
                m.writeTree(g, nodeData);
            }
            if (monitor != null) {
                g.writeFieldName("monitor");
                m.writeTree(g, monitor);
            }
            if (heard != null) {
                g.writeObjectFieldStart("heard");
                for (Map.Entry<String, List<String>> e : heard.entrySet()) {
                    g.writeArrayFieldStart(e.getKey());
                    for (String n : e.getValue()) {
                        g.writeString(n);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            if (echo != null) {
                g.writeObjectFieldStart("echo");
                for (Map.Entry<String, Instant> e : echo.entrySet()) {
                    g.writeStringField(e.getKey(), Json.time(e.getValue()));
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a message; strict about what the protocol needs, lenient about members it does not know.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Message decode(byte[] json) {
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(json);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String kind = text(doc, "kind");
        if (!PING.equals(kind) && !FULL.equals(kind) && !PATCH.equals(kind)) {
            throw new IllegalArgumentException("kind " + kind + " is not ping, full or patch");
        }
        JsonNode compat = doc.get("compat");
        if (compat == null || !compat.canConvertToInt()) {
            throw new IllegalArgumentException("compat is not a number");
        }
        String node = text(doc, "nodename");
        if (node == null || node.isEmpty()) {
            throw new IllegalArgumentException("nodename missing");
        }
        Instant at;
        try {
            at = Instant.parse(String.valueOf(text(doc, "updated_at")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("updated_at is not a time");
        }
        Map<String, Long> gen = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object(doc, "gen").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().canConvertToLong() || e.getValue().asLong() < 0) {
                throw new IllegalArgumentException("gen." + e.getKey() + " is not a generation");
            }
            gen.put(e.getKey(), e.getValue().asLong());
        }
        SortedMap<Long, List<Op>> events = new TreeMap<>();
        JsonNode ev = doc.get("events");
        if (ev != null && !ev.isNull()) {
            if (!ev.isObject()) {
                throw new IllegalArgumentException("events is not an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = ev.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                long g;
                try {
                    g = Long.parseLong(e.getKey());
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException("events." + e.getKey() + " is not a generation");
                }
                if (g <= 0 || !e.getValue().isArray()) {
                    throw new IllegalArgumentException("events." + e.getKey() + " is not a batch");
                }
                List<Op> ops = new ArrayList<>(e.getValue().size());
                for (JsonNode o : e.getValue()) {
                    if (!o.isObject()) {
                        throw new IllegalArgumentException("events." + g + ": an op is not an object");
                    }
                    ops.add(new Op(text(o, "op"), text(o, "path"), o.get("value")));
                }
                events.put(g, ops);
            }
        }
        ObjectNode nodeData = null;
        if (FULL.equals(kind)) {
            nodeData = object(doc, "node_data");
        }
        JsonNode monitor = doc.get("monitor");
        return new Message(kind, compat.asInt(), node, at, gen, events, nodeData,
                monitor == null || monitor.isNull() ? null : monitor, heard(doc.get("heard")), echo(doc.get("echo")));
    }

    private static Map<String, Instant> echo(JsonNode h) {
        if (h == null || h.isNull()) {
            return null;
        }
        if (!h.isObject()) {
            throw new IllegalArgumentException("echo is not an object");
        }
        Map<String, Instant> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            try {
                out.put(e.getKey(), Instant.parse(e.getValue().asText()));
            } catch (java.time.format.DateTimeParseException ex) {
                throw new IllegalArgumentException("echo." + e.getKey() + " is not a time");
            }
        }
        return out;
    }

    private static Map<String, List<String>> heard(JsonNode h) {
        if (h == null || h.isNull()) {
            return null;
        }
        if (!h.isObject()) {
            throw new IllegalArgumentException("heard is not an object");
        }
        Map<String, List<String>> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException("heard." + e.getKey() + " is not a list of nodes");
            }
            List<String> nodes = new ArrayList<>();
            for (JsonNode n : e.getValue()) {
                if (!n.isTextual()) {
                    throw new IllegalArgumentException("heard." + e.getKey() + " is not a list of nodes");
                }
                nodes.add(n.asText());
            }
            out.put(e.getKey(), nodes);
        }
        return out;
    }

    private static String text(JsonNode doc, String member) {
        JsonNode n = doc.get(member);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static ObjectNode object(JsonNode doc, String member) {
        JsonNode n = doc.get(member);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(member + " is not an object");
        }
        return (ObjectNode) n;
    }
}
