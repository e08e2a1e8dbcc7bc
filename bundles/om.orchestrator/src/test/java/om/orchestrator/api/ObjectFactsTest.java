package om.orchestrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.config.ConfigException;
import om.api.config.Keyword;
import om.api.config.ObjectConfig;
import om.api.config.RawConfig;
import org.junit.jupiter.api.Test;

/** What the decision core reads of a config, with the defaults the keyword tables give. */
class ObjectFactsTest {
    /** DEFAULT values as the core's config answers them (defaults resolved), {@code ERR} failing as a bad reference. */
    private record Cfg(String node, Map<String, String> values) implements ObjectConfig {
        public ObjectPath path() {
            return ObjectPath.parse("ns1/svc/web");
        }

        public Path file() {
            return Path.of("web.conf");
        }

        public Instant mtime() {
            return Instant.EPOCH;
        }

        public RawConfig raw() {
            throw new UnsupportedOperationException();
        }

        public List<String> rids() {
            return List.of();
        }

        public Optional<String> get(String section, String key) {
            String v = values.get(key);
            if ("ERR".equals(v)) {
                throw new ConfigException("reference {x} does not evaluate");
            }
            return Optional.ofNullable(v);
        }

        public boolean isWritten(String section, String key) {
            return values.containsKey(key);
        }

        public Optional<Keyword> keyword(String section, String key) {
            return Optional.empty();
        }

        public String expand(String section, String text) {
            return text;
        }
    }

    @Test
    void readsTheOrchestrationKeywords() {
        ObjectFacts f = ObjectFacts.of(new Cfg("n1", Map.ofEntries(Map.entry("nodes", "n1 n2 n3"),
                Map.entry("drpnodes", "d1"), Map.entry("topology", "flex"), Map.entry("orchestrate", "ha"),
                Map.entry("placement", "spread"), Map.entry("flex_min", "2"), Map.entry("flex_max", "3"),
                Map.entry("flex_target", "3"), Map.entry("priority", "10"), Map.entry("stonith", "true"),
                Map.entry("disable", "false"))), Duration.ofSeconds(1));
        assertEquals(new ObjectFacts("ns1/svc/web", "flex", "ha", "spread", List.of("n1", "n2", "n3"),
                List.of("d1"), 2, 3, 3, 10, true, Duration.ofSeconds(1), false), f);
    }

    @Test
    void defaultsWhenUnsetOrBroken() {
        ObjectFacts f = ObjectFacts.of(new Cfg("n7", Map.of("flex_min", "ERR", "stonith", "ERR")), null);
        assertEquals(new ObjectFacts("ns1/svc/web", "failover", "no", "nodes order", List.of("n7"), List.of(), 1, 1,
                1, 50, false, Duration.ofSeconds(5), false), f);
    }
}
