package om.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import org.junit.jupiter.api.Test;

class ConfigRendererTest {
    private static final String SAMPLE = """
            [DEFAULT]
            nodes = n1 n2
            orchestrate = ha

            [env]
            port = 8080
            list =
                a
                b

            [app#0]
            start = /usr/bin/python3 -m http.server {env.port}
            script = line1
                line2 # with = signs ; and {braces}
            restart@n2 = 2
            empty =
            """;

    @Test
    void rendersInOrderWithBlankLineBetweenSections() {
        RawConfig c = ConfigParser.parse("t", SAMPLE);
        assertEquals(SAMPLE, ConfigRenderer.render(c));
    }

    @Test
    void roundTripKeepsValues() {
        RawConfig c = ConfigParser.parse("t", "# c\n[DEFAULT]\n  nodes   =  n1  \n[app#1]\nstart=a\n\tb\n\n\n[env]\nx=1=2\n");
        RawConfig again = ConfigParser.parse("t", ConfigRenderer.render(c));
        assertEquals(values(c), values(again));
    }

    @Test
    void programmaticConfigRoundTrips() {
        RawConfig c = new RawConfig(List.of(
                new RawSection("DEFAULT", 0, List.of(new RawEntry("id", null, "u", 0))),
                new RawSection("app#0", 0, List.of(new RawEntry("start", "n1", "multi\nline\nvalue", 0)))));
        String text = ConfigRenderer.render(c);
        assertEquals("[DEFAULT]\nid = u\n\n[app#0]\nstart@n1 = multi\n    line\n    value\n", text);
        assertEquals(values(c), values(ConfigParser.parse("t", text)));
    }

    @Test
    void valuesThatCannotRoundTrip() {
        assertTrue(ConfigRenderer.roundTrips("a\nb"));
        assertTrue(ConfigRenderer.roundTrips("\nb"));
        assertFalse(ConfigRenderer.roundTrips("a\n\nb"));
        assertFalse(ConfigRenderer.roundTrips("a\n# b"));
        assertFalse(ConfigRenderer.roundTrips(" a"));
        assertFalse(ConfigRenderer.roundTrips("a\n b"));
    }

    private static List<String> values(RawConfig c) {
        return c.sections().stream().flatMap(s -> s.entries().stream()
                .map(e -> s.name() + "|" + e.writtenKey() + "|" + e.value())).toList();
    }
}
