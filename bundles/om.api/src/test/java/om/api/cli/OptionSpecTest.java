package om.api.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import om.api.OmException;
import org.junit.jupiter.api.Test;

class OptionSpecTest {
    private static String refused(OptionSpec o, String value) {
        OmException e = assertThrows(OmException.class, () -> o.check(value));
        assertEquals(2, e.exitCode());
        return e.getMessage();
    }

    @Test
    void eachKindChecksItsValue() {
        assertEquals("option --local takes no value", refused(OptionSpec.flag("--local", "h"), "yes"));
        assertEquals("option --kw needs a value", refused(OptionSpec.text("--kw", "<kw>", "h"), null));
        assertEquals("invalid value '' for --kw: expected a non-empty value",
                refused(OptionSpec.text("--kw", "<kw>", "h"), ""));
        assertEquals("invalid value '-1' for --n: expected a non-negative integer",
                refused(OptionSpec.integer("--n", "<n>", "h"), "-1"));
        assertEquals("5", OptionSpec.integer("--n", "<n>", "h").check("5"));
        assertEquals("invalid value '1x' for --time: expected a duration like 30s, 5m or 1h30m",
                refused(OptionSpec.duration("--time", "h"), "1x"));
        assertEquals("invalid value 'a,,b' for --rid: expected a comma-separated list without empty items",
                refused(OptionSpec.list("--rid", "<rid>", "h"), "a,,b"));
        assertEquals("invalid value 'x' for --format: expected json or flat_json",
                refused(OptionSpec.choice("--format", List.of("json", "flat_json"), "h"), "x"));
        assertEquals("invalid value 'bad\\nline,' for --rid: expected a comma-separated list without empty items",
                refused(OptionSpec.list("--rid", "<rid>", "h"), "bad\nline,"));
    }

    @Test
    void declarationsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.flag("-x", "h"));
        assertThrows(IllegalArgumentException.class, () -> OptionSpec.choice("--c", List.of(), "h"));
    }

    @Test
    void synopsisForms() {
        assertEquals("--local", OptionSpec.flag("--local", "h").synopsis());
        assertEquals("--rid <rid>[,...]", OptionSpec.list("--rid", "<rid>", "h").synopsis());
        assertEquals("--status up|down[,...]", OptionSpec.listOf("--status", List.of("up", "down"), "h").synopsis());
        assertEquals("--since <duration>", OptionSpec.duration("--since", "h").synopsis());
        assertEquals("--n <int>", new OptionSpec("--n", OptionSpec.Kind.INT, null, null, false, "h").synopsis());
    }

    @Test
    void typedGetters() {
        VerbRequest r = new VerbRequest("web1", List.of("start"), Map.of("--rid", List.of("app#0, fs#1"),
                "--waitlock", List.of("1m30s"), "--n", List.of("7"), "--local", List.of("")));
        assertEquals(List.of("app#0", "fs#1"), r.list("--rid"));
        assertEquals(Duration.ofSeconds(90), r.duration("--waitlock").orElseThrow());
        assertEquals(7, r.integer("--n").orElseThrow());
        assertEquals(true, r.has("--local"));
        assertEquals(List.of(), r.list("--subsets"));
        assertEquals("start", r.verbString());
    }
}
