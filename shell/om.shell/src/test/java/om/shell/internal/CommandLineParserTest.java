package om.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import om.api.cli.OmVerb;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CommandLineParserTest {
    private static final Map<String, OmVerb> VERBS = new OmCommandRunner(Fakes.services(new Fakes.Store())).verbs();
    private static final CommandLineParser PARSER = new CommandLineParser(VERBS);

    private static VerbRequest parse(String... args) {
        return PARSER.parse(List.of(args)).request();
    }

    private static String error(String... args) {
        UsageException e = assertThrows(UsageException.class, () -> PARSER.parse(List.of(args)),
                String.join(" ", args));
        assertEquals(2, e.exitCode());
        return e.getMessage();
    }

    /** The words that reach a verb: a selector first unless it is a node verb. */
    private static List<String> line(OmVerb v, String... rest) {
        List<String> a = new ArrayList<>();
        if (v.selector() != SelectorUse.NONE) {
            a.add("web1");
        }
        a.addAll(v.words());
        a.addAll(List.of(rest));
        return a;
    }

    private static String name(OmVerb v) {
        return String.join(" ", v.words());
    }

    @Test
    void everyExistingVerbIsDeclared() {
        assertEquals(List.of("ls", "print status", "print config", "config validate", "config doc", "create", "set",
                "unset", "delete", "start", "stop", "provision", "unprovision", "run", "sync", "sync all", "sync nodes",
                "sync drp", "logs", "node logs", "mon",
                "daemon status", "daemon start", "daemon stop", "daemon restart", "print placement",
                "print schedule", "node print schedule",
                "cluster print config", "cluster set",
                "cluster unset", "cluster config validate", "cluster config doc", "node print config", "node set",
                "node unset", "node config validate", "node config doc", "node freeze", "node thaw", "node unfreeze",
                "switch", "takeover", "giveback", "freeze", "thaw", "unfreeze", "abort", "clear", "help"),
                List.copyOf(VERBS.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> everyVerbRefusesAnUnknownOption() {
        return VERBS.values().stream().map(v -> DynamicTest.dynamicTest(name(v), () -> {
            assertEquals("unknown option '--bogus' for '" + name(v) + "'",
                    error(line(v, "--bogus").toArray(String[]::new)));
            assertEquals("unknown option '-x' for '" + name(v) + "'", error(line(v, "-x").toArray(String[]::new)));
        }));
    }

    /** An option of another verb is refused by every verb that does not declare it, wherever it is placed. */
    @TestFactory
    Stream<DynamicTest> everyVerbRefusesTheOptionsOfOtherVerbs() {
        Map<String, OptionSpec> all = new LinkedHashMap<>();
        VERBS.values().forEach(v -> v.options().forEach(o -> all.putIfAbsent(o.name(), o)));
        List<DynamicTest> tests = new ArrayList<>();
        for (OmVerb v : VERBS.values()) {
            Set<String> own = new TreeSet<>();
            v.options().forEach(o -> own.add(o.name()));
            for (OptionSpec o : all.values()) {
                if (own.contains(o.name())) {
                    continue;
                }
                String[] value = o.takesValue() ? new String[] {o.name(), "x"} : new String[] {o.name()};
                tests.add(DynamicTest.dynamicTest(name(v) + " " + o.name(), () -> {
                    String expected = "unknown option '" + o.name() + "' for '" + name(v) + "'";
                    assertEquals(expected, error(line(v, value).toArray(String[]::new)));
                    if (v.selector() != SelectorUse.NONE) {
                        // between the selector and the verb
                        List<String> between = new ArrayList<>(List.of("web1"));
                        between.addAll(List.of(value));
                        between.addAll(v.words());
                        assertEquals(expected, error(between.toArray(String[]::new)));
                    }
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyDurationIsChecked() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OmVerb v : VERBS.values()) {
            for (OptionSpec o : v.options()) {
                if (o.kind() != OptionSpec.Kind.DURATION) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(name(v) + " " + o.name(), () -> {
                    for (String bad : List.of("bogus", "10x", "", "99999999999999999999s")) {
                        assertEquals("invalid value '" + bad + "' for " + o.name()
                                + ": expected a duration like 30s, 5m or 1h30m",
                                error(line(v, o.name(), bad).toArray(String[]::new)));
                    }
                    assertEquals("1m30s", PARSER.parse(line(v, o.name() + "=1m30s")).request().option(o.name()));
                }));
            }
        }
        assertTrue(tests.size() >= 7, "since x2, waitlock x5");
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyListRefusesEmptyItems() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OmVerb v : VERBS.values()) {
            for (OptionSpec o : v.options()) {
                if (o.kind() != OptionSpec.Kind.LIST) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(name(v) + " " + o.name(), () -> {
                    for (String bad : List.of(",", "", "a,,b", "a,", " ")) {
                        assertTrue(error(line(v, o.name(), bad).toArray(String[]::new))
                                .startsWith("invalid value '" + bad + "' for " + o.name() + ": expected "), bad);
                    }
                }));
            }
        }
        assertTrue(tests.size() >= 15, "rid, tags, subsets x5, status, sections");
        return tests.stream();
    }

    @Test
    void choicesAreChecked() {
        assertEquals("invalid value 'xml' for --format: expected json or flat_json", error("web1", "ls",
                "--format", "xml"));
        assertEquals("invalid value 'always' for --color: expected yes or no or auto", error("web1", "start",
                "--color=always"));
        assertEquals("invalid value 'up,sideways' for --status: expected items among up, down, warn, n/a",
                error("ls", "--status", "up,sideways"));
        assertEquals("invalid value 'disks' for --sections: expected items among threads, arbitrators, nodes, "
                + "services", error("mon", "--sections", "disks"));
        assertEquals(List.of("up", "n/a"), parse("ls", "--status", "up, n/a").list("--status"));
    }

    @Test
    void theDefectsOfIssue8AreRefused() {
        assertEquals("unknown option '--rid' for 'delete'", error("x", "delete", "--rid", "app#0"));
        assertEquals("invalid value ',' for --rid: expected a comma-separated list without empty items",
                error("x", "start", "--rid", ","));
        // --wait, --time and --watch belong to start and stop (the verb refuses them with --local); --node to switch
        assertTrue(error("x", "start", "--local", "--node", "n2").startsWith("unknown option '--node' for"));
        assertEquals("unknown option '--time' for 'print status'", error("x", "print", "status", "--time", "bogus"));
        // an option the verb does not declare, with its value before the verb
        assertEquals("unknown option '--time' for 'provision'", error("x", "--time", "bogus", "provision"));
        assertEquals("unknown option '--node' for 'print status'", error("x", "--refresh", "--node", "n2", "print",
                "status"));
        assertEquals("unknown option '--wait' for 'run'", error("x", "--wait", "run"));
    }

    @Test
    void selectorVerbAndOptionsAnywhereAfterTheSelector() {
        VerbRequest r = parse("web1", "--rid", "app#0", "start", "--local");
        assertEquals("web1", r.selector());
        assertEquals("start", r.verbString());
        assertEquals(List.of("app#0"), r.list("--rid"));
        assertTrue(r.has("--local"));
        r = parse("web1", "print", "--format=json", "status");
        assertEquals("print status", r.verbString());
        assertEquals("json", r.option("--format"));
    }

    @Test
    void optionsBeforeTheSelectorAreMisplaced() {
        assertEquals("unknown option '--local' for 'start'", error("--local", "web1", "start"));
        assertEquals("unknown option '--rid' for 'start'", error("--rid", "app#0", "web1", "start"));
        assertEquals("unknown option '--bogus' (see 'om help')", error("--bogus"));
    }

    @Test
    void nodeVerbsTakeNoSelector() {
        VerbRequest r = parse("daemon", "status", "--format=json");
        assertNull(r.selector());
        assertEquals("daemon status", r.verbString());
        assertEquals("json", r.option("--format"));
        assertEquals("ls", parse("ls").verbString());
        assertNull(parse("config", "doc").selector());
        assertEquals("web1", parse("web1", "config", "doc").selector());
        assertEquals("web1", parse("web1", "daemon", "status").selector());
        assertEquals("'daemon stop' takes no selector (om daemon stop)", error("web1", "daemon", "stop"));
        assertEquals("'node logs' takes no selector (om node logs)", error("web1", "node", "logs"));
        // an object may be named like a verb
        assertEquals("ls", parse("ls", "print", "status").selector());
    }

    @Test
    void valuesFlagsAndRepetitions() {
        assertEquals(List.of("a=1", "app#0.start=/bin/true"),
                parse("web1", "set", "--kw", "a=1", "--kw", "app#0.start=/bin/true").all("--kw"));
        assertEquals("-", parse("web1", "create", "--config", "-").option("--config"));
        assertEquals("option --format needs a value", error("web1", "ls", "--format"));
        assertEquals("option --local takes no value", error("web1", "start", "--local=yes"));
        assertEquals("option --format given more than once", error("ls", "--format", "json", "--format", "json"));
    }

    @Test
    void verbsAndArguments() {
        assertEquals("missing verb after 'web1' (see 'om help')", error("web1"));
        assertEquals("unknown verb 'bogus' (see 'om help')", error("web1", "bogus"));
        assertEquals("unknown verb 'print' (see 'om help')", error("web1", "print"));
        assertEquals("unexpected argument 'extra' for 'start'", error("web1", "start", "extra"));
        assertEquals(List.of("print", "status"), parse("help", "print", "status").arguments());
    }

    @Test
    void helpForms() {
        assertEquals("help", PARSER.parse(List.of("--help")).request().verbString());
        assertEquals("help", PARSER.parse(List.of("-h")).request().verbString());
        assertEquals(List.of("start"), PARSER.parse(List.of("-h", "start")).request().arguments());
        assertEquals("help", PARSER.parse(List.of("web1", "--help")).request().verbString());
        assertTrue(parse("web1", "start", "-h").has("--help"));
        VerbRequest r = parse("print", "status", "--help");
        assertTrue(r.has("--help"));
        assertEquals("print status", r.verbString());
    }

    @Test
    void errorsEscapeWhatWasTyped() {
        assertEquals("unknown verb 'a\\nb\\x1b[31m' (see 'om help')", error("web1", "a\nb\u001b[31m"));
        String huge = "x".repeat(120_000);
        String e = error(huge);
        assertTrue(e.length() < 200, e);
        assertTrue(e.contains("(120000 characters)"), e);
    }
}
