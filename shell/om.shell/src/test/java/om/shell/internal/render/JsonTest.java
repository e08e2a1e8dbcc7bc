package om.shell.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonTest {
    /** Issue 8 item 6: the renderers' mapper could not serialise a record with an Instant (a failed sink). */
    @Test
    void aRecordWithAnInstantRendersInBothFormats() {
        Json json = new Json();
        om.log.api.SinkHealth failed = new om.log.api.SinkHealth("collector", true, 0, 2, 0, 3, "connection refused",
                java.time.Instant.parse("2025-01-10T09:12:03.123Z"));
        com.fasterxml.jackson.databind.JsonNode n = json.valueToTree(failed);
        assertEquals("2025-01-10T09:12:03.123Z", n.path("last_error_at").asText());
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(b, true, java.nio.charset.StandardCharsets.UTF_8);
        json.print(n, "json", out);
        json.print(n, "flat_json", out);
        String text = b.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("\"last_error_at\" : \"2025-01-10T09:12:03.123Z\""), text);
        assertTrue(text.contains(".last_error_at = 2025-01-10T09:12:03.123Z\n"), text);
    }

    @Test
    void flattensWithQuotedMembersSortedAndNoEmptyContainers() {
        Json json = new Json();
        ObjectNode root = json.object();
        root.with("monitor").with("services").with("ns1/svc/web").put("avail", "up");
        root.with("hb#1.rx").with("peers").with("n2").put("beating", true);
        root.putArray("empty");
        root.putObject("nothing");
        root.putArray("list").add("a").add(2);
        root.putNull("n");
        assertEquals(List.of(
                ".'hb#1.rx'.peers.n2.beating = true",
                ".list[0] = a",
                ".list[1] = 2",
                ".monitor.services.'ns1/svc/web'.avail = up",
                ".n = null"), Json.flatten(root));
    }
}
