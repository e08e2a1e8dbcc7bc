package om.shell.internal.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import om.shell.internal.UsageException;

/**
 * The machine-readable formats of status.md section 6: {@code json} and {@code flat_json}. Trees and values go
 * through the one mapper of om ({@link om.api.json.Json}): a record with a timestamp serialises here as in the
 * cache files.
 */
public final class Json {
    private final ObjectMapper mapper = om.api.json.Json.mapper();

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public ArrayNode array() {
        return mapper.createArrayNode();
    }

    public JsonNode valueToTree(Object o) {
        return mapper.valueToTree(o);
    }

    /** Prints a node in the requested format ("json" or "flat_json"). */
    public void print(JsonNode node, String format, PrintStream out) {
        switch (format) {
            case "json" -> {
                try {
                    out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "flat_json" -> {
                // one write: a line at a time through the bridge costs a frame per line (45,000 for 1,000 objects)
                StringBuilder b = new StringBuilder();
                flatten(node).forEach(l -> b.append(l).append('\n'));
                out.print(b);
            }
            default -> throw new UsageException("unknown format '" + format + "' (json, flat_json)");
        }
    }

    /** True when the format is one of the machine-readable ones; null means human. */
    public static boolean isMachine(String format) {
        if (format == null) {
            return false;
        }
        if (format.equals("json") || format.equals("flat_json")) {
            return true;
        }
        throw new UsageException("unknown format '" + format + "' (json, flat_json)");
    }

    /** One {@code <key> = <value>} line per leaf, sorted by key. */
    public static List<String> flatten(JsonNode node) {
        List<String> lines = new ArrayList<>();
        walk(node, "", lines);
        lines.sort(null);
        return lines;
    }

    private static void walk(JsonNode node, String key, List<String> lines) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), key + "." + member(e.getKey()), lines);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), key + "[" + i + "]", lines);
            }
        } else {
            // one leaf per line: a multi-line string value keeps its line breaks escaped
            String value = node.isTextual() ? node.asText().replace("\n", "\\n")
                    : node.toString();
            lines.add(key + " = " + value);
        }
    }

    private static String member(String name) {
        for (char c : new char[] {'/', '#', '.', '$'}) {
            if (name.indexOf(c) >= 0) {
                return "'" + name + "'";
            }
        }
        return name;
    }
}
