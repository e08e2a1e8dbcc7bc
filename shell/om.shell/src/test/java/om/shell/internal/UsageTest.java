package om.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import om.api.cli.OmVerb;
import om.api.cli.OptionSpec;
import org.junit.jupiter.api.Test;

class UsageTest {
    private static final Map<String, OmVerb> VERBS = new OmCommandRunner(Fakes.services(new Fakes.Store())).verbs();

    @Test
    void synopsisAndTableComeFromTheDeclarations() {
        String u = Usage.of(VERBS.get("ls"));
        assertEquals("""
                usage: om [<selector>] ls [--status up|down|warn|n/a[,...]] [--format json|flat_json]

                Print the paths of the selected objects, one per line (default selector '**').

                options:
                  --status up|down|warn|n/a[,...]
                                        keep the objects whose avail status is one of these
                  --format json|flat_json
                                        json: one JSON document; flat_json: one '<key> = <value>' line per value
                  -h, --help            print this help""", u);
    }

    @Test
    void everyDeclaredOptionIsDocumentedAndLinesStayNarrow() {
        for (OmVerb v : VERBS.values()) {
            String u = Usage.of(v);
            String words = String.join(" ", v.words());
            assertTrue(u.startsWith("usage: om "), words);
            assertTrue(u.lines().findFirst().orElseThrow().contains(words), words);
            for (OptionSpec o : v.options()) {
                assertTrue(u.contains("[" + o.synopsis() + "]"), words + " synopsis " + o.name());
                assertTrue(u.contains("  " + o.synopsis() + (o.synopsis().length() < 22 ? " " : "\n")),
                        words + " table " + o.name());
                assertTrue(o.help() != null && !o.help().isBlank(), words + " help " + o.name());
            }
            u.lines().limit(3).forEach(l -> assertTrue(l.length() <= Usage.WIDTH, words + ": " + l));
        }
    }

    @Test
    void repeatableAndPathVerbs() {
        String u = Usage.of(VERBS.get("create"));
        assertTrue(u.startsWith("usage: om <path> create [--config <file>|-] [--kw [<section>.]<key>[@<scope>]=<value>]..."),
                u);
        assertTrue(Usage.of(VERBS.get("daemon stop")).startsWith("usage: om daemon stop\n"));
        assertTrue(Usage.of(VERBS.get("help")).startsWith("usage: om help [<verb>]\n"));
        assertTrue(Usage.of(VERBS.get("run")).contains("--confirm"));
        assertTrue(!Usage.of(VERBS.get("start")).contains("--confirm"));
    }

    @Test
    void helpOptionAndHelpVerbPrintTheSameUsage() {
        OmCommandRunner runner = new OmCommandRunner(Fakes.services(new Fakes.Store()));
        for (String verb : List.of("start", "print status", "config doc", "daemon stop", "mon")) {
            Fakes.Call a = new Fakes.Call();
            List<String> args = new java.util.ArrayList<>(List.of(verb.split(" ")));
            args.add("--help");
            assertEquals(0, runner.run(a.invocation(args)), verb);
            Fakes.Call b = new Fakes.Call();
            List<String> help = new java.util.ArrayList<>(List.of("help"));
            help.addAll(List.of(verb.split(" ")));
            assertEquals(0, runner.run(b.invocation(help)), verb);
            assertEquals(a.out(), b.out(), verb);
            assertEquals(Usage.of(VERBS.get(verb)) + "\n", a.out().replace("\r\n", "\n"));
        }
    }
}
