package om.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonTest {
    record Health(String sink, String lastError, Instant lastErrorAt, Duration backoff) {
    }

    @Test
    void recordsWithJavaTimeSerialiseInSnakeCaseWithMillisecondTimestamps() throws Exception {
        Health h = new Health("syslog", "no /dev/log", Instant.parse("2025-01-10T09:12:03.123456789Z"),
                Duration.ofSeconds(5));
        JsonNode n = Json.mapper().valueToTree(h);
        assertEquals("2025-01-10T09:12:03.123Z", n.get("last_error_at").asText());
        assertEquals("no /dev/log", n.get("last_error").asText());
        assertEquals("{\"sink\":\"syslog\",\"last_error\":\"no /dev/log\",\"last_error_at\":\"2025-01-10T09:12:03.123Z\","
                + "\"backoff\":\"PT5S\"}", Json.mapper().writeValueAsString(h));
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        Health h = new Health("file", null, Instant.parse("2025-01-10T09:12:03.123Z"), null);
        assertEquals(h, Json.mapper().readValue(Json.mapper().writeValueAsString(h), Health.class));
    }

    @Test
    void timeIsRfc3339UtcWithMilliseconds() {
        assertEquals("2025-01-10T09:12:03.000Z", Json.time(Instant.parse("2025-01-10T09:12:03Z")));
        assertEquals(null, Json.time(null));
    }
}
