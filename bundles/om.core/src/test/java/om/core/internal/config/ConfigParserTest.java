package om.core.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import om.api.config.ConfigException;
import om.api.config.ConfigIssue;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
    /**
     * The duplicate-key check scanned the section for every key: 100,000 keys (a 5 MB config piped to create)
     * held a bridge worker and the config lock for minutes. Linear now: well under a second; the bound leaves
     * room for a loaded machine, the quadratic scan needed far more.
     */
    @Test
    void aSectionOfManyKeysParsesInLinearTime() {
        StringBuilder text = new StringBuilder("[env]\n");
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            text.append('k').append(i).append(" = v\n");
        }
        text.append("k7 = again\n");
        List<ConfigIssue> issues = new ArrayList<>();
        RawConfig c = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> ConfigParser.parse("etc/big.conf", text.toString(), issues));
        assertEquals(n, c.section("env").orElseThrow().entries().size());
        assertEquals(List.of(new ConfigIssue("etc/big.conf", n + 2, "duplicate key 'k7' in section [env]")), issues);
    }

    private static RawConfig parse(String text) {
        return ConfigParser.parse("t.conf", text);
    }

    private static ConfigIssue only(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertEquals(1, e.issues().size(), e.issues().toString());
        return e.issues().get(0);
    }

    @Test
    void sectionsKeysAndLineNumbers() {
        RawConfig c = parse("""
                # leading comment
                [DEFAULT]
                nodes = n1 n2

                  [app#0]  \s
                start=/bin/true
                ; semicolon comment
                type   =   forking\s\s
                """);
        assertEquals(List.of("DEFAULT", "app#0"), c.sections().stream().map(RawSection::name).toList());
        RawSection d = c.section("DEFAULT").orElseThrow();
        assertEquals(2, d.line());
        assertEquals(new RawEntry("nodes", null, "n1 n2", 3), d.entries().get(0));
        RawSection app = c.section("app#0").orElseThrow();
        assertEquals(5, app.line());
        assertEquals(new RawEntry("start", null, "/bin/true", 6), app.entries().get(0));
        assertEquals(new RawEntry("type", null, "forking", 8), app.entries().get(1));
    }

    @Test
    void valueKeptVerbatim() {
        RawConfig c = parse("[a#1]\ncmd = awk -F= '{print $1}' # not a comment ; \"q\" {x}\n");
        assertEquals("awk -F= '{print $1}' # not a comment ; \"q\" {x}",
                c.section("a#1").orElseThrow().entry("cmd").orElseThrow().value());
    }

    @Test
    void emptyValue() {
        RawConfig c = parse("[DEFAULT]\ncomment =\n");
        assertEquals("", c.section("DEFAULT").orElseThrow().entry("comment").orElseThrow().value());
    }

    @Test
    void continuationLinesJoinWithNewline() {
        RawConfig c = parse("[app#1]\nstart = a\n    b\n\tc  \n  # comment inside\n   d\nstop = x\n");
        RawSection s = c.section("app#1").orElseThrow();
        assertEquals("a\nb\nc\nd", s.entry("start").orElseThrow().value());
        assertEquals(2, s.entry("start").orElseThrow().line());
        assertEquals("x", s.entry("stop").orElseThrow().value());
    }

    @Test
    void blankLineEndsValue() {
        RawConfig c = parse("[app#1]\nstart = a\n    b\n\n    stop = x\n");
        RawSection s = c.section("app#1").orElseThrow();
        assertEquals("a\nb", s.entry("start").orElseThrow().value());
        assertEquals("x", s.entry("stop").orElseThrow().value());
        assertEquals(5, s.entry("stop").orElseThrow().line());
        assertEquals(4, only("[app#1]\nstart = a\n\n    orphan line\n").line());
    }

    @Test
    void continuationAfterEmptyFirstLine() {
        RawConfig c = parse("[env]\nlist =\n    a\n    b\n");
        assertEquals("\na\nb", c.section("env").orElseThrow().entry("list").orElseThrow().value());
    }

    @Test
    void scopes() {
        RawConfig c = parse("[app#0]\nrestart = 1\nrestart@n2 = 2\nrestart@nodes = 3\nrestart@n1.example.com = 4\n");
        List<RawEntry> e = c.section("app#0").orElseThrow().entries();
        assertNull(e.get(0).scope());
        assertEquals("n2", e.get(1).scope());
        assertEquals("restart", e.get(1).key());
        assertEquals("nodes", e.get(2).scope());
        assertEquals("n1.example.com", e.get(3).scope());
        assertEquals("restart@n2", e.get(1).writtenKey());
    }

    @Test
    void keyBeforeFirstSection() {
        ConfigIssue i = only("# c\nnodes = n1\n[DEFAULT]\n");
        assertEquals(2, i.line());
        assertTrue(i.message().contains("before the first section"), i.message());
        assertEquals("t.conf:2: key 'nodes' before the first section", i.toString());
    }

    @Test
    void duplicateSection() {
        ConfigIssue i = only("[DEFAULT]\na = 1\n[app#0]\nb = 1\n[app#0]\nb = 2\n");
        assertEquals(5, i.line());
        assertTrue(i.message().contains("duplicate section [app#0]"), i.message());
    }

    @Test
    void duplicateKeySameScope() {
        ConfigIssue i = only("[DEFAULT]\nnodes = a\nnodes@n1 = b\nnodes = c\n");
        assertEquals(4, i.line());
        assertTrue(i.message().contains("duplicate key 'nodes'"), i.message());
        ConfigIssue s = only("[DEFAULT]\nx@n1 = a\nx = b\nx@n1 = c\n");
        assertEquals(4, s.line());
        assertTrue(s.message().contains("'x@n1'"), s.message());
    }

    @Test
    void malformedLines() {
        assertEquals(3, only("[DEFAULT]\na = 1\njust words\n").line());
        assertEquals(2, only("[DEFAULT]\nBad = 1\n").line());
        assertEquals(2, only("[DEFAULT]\nkey-dash = 1\n").line());
        assertEquals(2, only("[DEFAULT]\n= 1\n").line());
        assertEquals(2, only("[DEFAULT]\nk@ = 1\n").line());
        assertEquals(1, only("[DEFAULT\n").line());
        assertEquals(1, only("[]\n").line());
        assertEquals(2, only("[DEFAULT]\n  orphan continuation\n").line());
    }

    @Test
    void collectsEveryError() {
        List<ConfigIssue> issues = new ArrayList<>();
        RawConfig c = ConfigParser.parse("t.conf", "a = 1\n[DEFAULT]\nb = 1\nb = 2\nbad line\n[x#1]\nc = 3\n", issues);
        assertEquals(List.of(1, 4, 5), issues.stream().map(ConfigIssue::line).toList());
        assertEquals("3", c.section("x#1").orElseThrow().entry("c").orElseThrow().value());
    }

    @Test
    void crlfAccepted() {
        RawConfig c = parse("[DEFAULT]\r\nnodes = n1\r\n");
        assertEquals("n1", c.section("DEFAULT").orElseThrow().entry("nodes").orElseThrow().value());
    }
}
