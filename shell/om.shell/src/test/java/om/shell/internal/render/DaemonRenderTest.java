package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import om.log.api.SinkHealth;
import org.junit.jupiter.api.Test;

class DaemonRenderTest {
    private static final List<SinkHealth> FAILED_SYSLOG = List.of(new SinkHealth("syslog", true, 3, 1, 0, 0,
            "cannot connect to /dev/log", Instant.parse("2025-01-10T09:12:03.123456Z")));

    private static String print(String format) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DaemonRender.print(Datasets.twoNodes(), FAILED_SYSLOG, format, Set.copyOf(MonRender.SECTIONS),
                new PrintStream(b, true, StandardCharsets.UTF_8));
        return b.toString(StandardCharsets.UTF_8);
    }

    /** Issue 8 item 6: a sink health with an Instant broke om mon and daemon status in every format. */
    @Test
    void aFailedSinkRendersInEveryFormat() throws Exception {
        JsonNode doc = om.api.json.Json.mapper().readTree(print("json"));
        JsonNode sink = doc.path("log").path("sinks").get(0);
        assertEquals("syslog", sink.path("sink").asText());
        assertEquals("2025-01-10T09:12:03.123Z", sink.path("last_error_at").asText());
        assertTrue(print("flat_json").contains(".log.sinks[0].last_error_at = 2025-01-10T09:12:03.123Z\n"));
        assertTrue(print(null).startsWith("Threads"));
    }

    /** The document keeps the shape of status.md section 8. */
    @Test
    void theJsonDocumentHasTheSection8Shape() throws Exception {
        JsonNode doc = om.api.json.Json.mapper().readTree(print("json"));
        assertEquals(List.of("cluster", "listener", "monitor", "scheduler", "log"), fieldNames(doc));
        assertEquals("c1", doc.path("cluster").path("name").asText());
        JsonNode n1 = doc.path("monitor").path("nodes").path("n1");
        assertEquals(List.of("monitor", "frozen", "frozen_at", "updated_at", "gen", "stats", "arbitrators",
                "services"), fieldNames(n1));
        assertEquals(95, n1.path("stats").path("score").asInt());
        assertEquals(0.4, n1.path("stats").path("load_15m").asDouble());
        assertEquals("abc", n1.path("services").path("config").path("web").path("csum").asText());
        assertEquals("2025-01-10T09:12:03.123Z",
                n1.path("services").path("config").path("web").path("updated_at").asText());
        JsonNode web = n1.path("services").path("status").path("web");
        assertEquals("up", web.path("avail").asText());
        assertTrue(web.path("monitor").path("is_leader").asBoolean());
        assertTrue(web.path("path").isMissingNode(), "no identity in the node's instance documents");
        JsonNode db = n1.path("services").path("status").path("db");
        assertEquals(false, db.path("monitor").path("is_leader").asBoolean());
        JsonNode svc = doc.path("monitor").path("services").path("web");
        assertEquals(List.of("avail", "overall", "placement", "frozen", "provisioned", "topology", "orchestrate",
                "flex_min", "flex_max", "flex_target", "up_instances", "scope"), fieldNames(svc));
        assertTrue(doc.path("monitor").path("nodes").path("n2").path("stats").path("load_15m").isMissingNode());
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
