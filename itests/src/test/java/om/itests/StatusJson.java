package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import om.api.json.Json;
import java.util.ArrayList;
import java.util.List;

/** `om &lt;path&gt; print status --format json`, read per resource. */
record StatusJson(JsonNode root, String text) {
    private static final ObjectMapper JSON = Json.mapper();

    static StatusJson of(Dist dist, String path) throws Exception {
        return of(dist.om(path, "print", "status", "--format", "json"));
    }

    static StatusJson of(Dist.Result r) throws Exception {
        assertEquals(0, r.exit(), r.toString());
        return new StatusJson(JSON.readTree(r.out()), r.toString());
    }

    String avail() {
        return root.path("avail").asText();
    }

    String overall() {
        return root.path("overall").asText();
    }

    String status(String rid) {
        return resource(rid).path("status").asText("<no resource " + rid + ">");
    }

    String label(String rid) {
        return resource(rid).path("label").asText();
    }

    String provisioned(String rid) {
        return resource(rid).path("provisioned").asText();
    }

    /** The resource's log entries as "level: message" (the shape print status shows). */
    List<String> log(String rid) {
        List<String> entries = new ArrayList<>();
        for (JsonNode e : resource(rid).path("log")) {
            entries.add(e.isTextual() ? e.asText() : e.path("level").asText() + ": " + e.path("message").asText());
        }
        return entries;
    }

    private JsonNode resource(String rid) {
        return root.path("resources").path(rid);
    }

    @Override
    public String toString() {
        return text;
    }
}
