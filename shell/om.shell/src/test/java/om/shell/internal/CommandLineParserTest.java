package om.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineParserTest {
    @Test
    void selectorVerbAndOptionsAnywhere() {
        Request r = CommandLineParser.parse(List.of("web1", "--rid", "app#0", "start", "--local"));
        assertEquals("web1", r.selector());
        assertEquals("start", r.verbString());
        assertEquals("app#0", r.option("--rid"));
        assertTrue(r.has("--local"));
    }

    @Test
    void nodeVerbsTakeNoSelector() {
        Request r = CommandLineParser.parse(List.of("daemon", "status", "--format=json"));
        assertNull(r.selector());
        assertEquals("daemon status", r.verbString());
        assertEquals("json", r.option("--format"));
        assertEquals("ls", CommandLineParser.parse(List.of("ls")).verbString());
    }

    @Test
    void repeatedOptionsKeepEveryValue() {
        Request r = CommandLineParser.parse(List.of("web1", "set", "--kw", "a=1", "--kw", "app#0.start=/bin/true"));
        assertEquals(List.of("a=1", "app#0.start=/bin/true"), r.all("--kw"));
    }

    @Test
    void badOptionsAreUsageErrors() {
        UsageException e = assertThrows(UsageException.class,
                () -> CommandLineParser.parse(List.of("web1", "start", "--bogus")));
        assertEquals("unknown option '--bogus'", e.getMessage());
        assertEquals(2, e.exitCode());
        assertThrows(UsageException.class, () -> CommandLineParser.parse(List.of("web1", "ls", "--format")));
        assertThrows(UsageException.class, () -> CommandLineParser.parse(List.of("web1", "start", "--local=yes")));
    }

    @Test
    void helpForms() {
        assertEquals("help", CommandLineParser.parse(List.of()).verbString());
        assertEquals("help", CommandLineParser.parse(List.of("--help")).verbString());
        assertTrue(CommandLineParser.parse(List.of("web1", "start", "-h")).has("--help"));
    }
}
