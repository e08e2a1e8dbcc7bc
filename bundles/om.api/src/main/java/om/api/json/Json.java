package om.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one JSON mapper of om, configured once: every renderer, cache file and message codec uses it, so a record
 * that serialises in one place serialises everywhere (a {@link Instant} in a record used to break {@code om mon}
 * while the cache files handled it).
 *
 * <ul>
 *   <li>member names in snake case ({@code lastErrorAt} is written {@code last_error_at});</li>
 *   <li>{@code java.time} types through the JSR-310 module; an {@link Instant} is written as RFC 3339 in UTC with
 *       milliseconds, as every timestamp of the status documents ({@link #time});</li>
 *   <li>unknown members are ignored on read (a newer writer may add some).</li>
 * </ul>
 * The mapper is shared and thread-safe: never reconfigure it; use {@code mapper().copy()} for a variant, or a
 * writer ({@code mapper().writerWithDefaultPrettyPrinter()}) for output choices.
 */
public final class Json {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private Json() {
    }

    /** The shared mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** RFC 3339 in UTC with milliseconds ({@code 2025-01-10T09:12:03.123Z}); null stays null. */
    public static String time(Instant t) {
        return t == null ? null : RFC3339.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    private static ObjectMapper configure(ObjectMapper m) {
        SimpleModule millis = new SimpleModule("om-time");
        millis.addSerializer(Instant.class, new InstantMillis());
        // registered after the JSR-310 module: its Instant serializer wins over the module's (ISO with nanos)
        return m.registerModule(new JavaTimeModule())
                .registerModule(millis)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    private static final class InstantMillis extends StdSerializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantMillis() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(time(value));
        }
    }
}
