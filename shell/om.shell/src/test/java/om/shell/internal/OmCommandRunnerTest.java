package om.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import om.api.cli.DaemonControl;
import om.api.cli.OmVerb;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbContext;
import om.api.cli.VerbRequest;
import org.junit.jupiter.api.Test;

class OmCommandRunnerTest {
    private final Fakes.Store store = new Fakes.Store("web1", "web2");
    private final OmCommandRunner runner = new OmCommandRunner(Fakes.services(store));

    @Test
    void omAloneIsAUsageError() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, c));
        assertTrue(c.err().startsWith("usage: om [<selector>] <verb> [options]"), c.err());
        assertEquals("", c.out());
        Fakes.Call h = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, h, "help"));
        assertTrue(h.out().startsWith("usage: om [<selector>] <verb> [options]"));
    }

    @Test
    void unknownOptionsExit2WithOneLine() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, c, "web1", "delete", "--rid", "app#0"));
        assertEquals("error: unknown option '--rid' for 'delete'\n", c.err());
        assertTrue(store.deleted.isEmpty(), "nothing deleted");
    }

    @Test
    void aVerbThatNeedsASelectorSaysSo() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, c, "print", "status"));
        assertEquals("error: print status needs a selector: om <selector> print status\n", c.err());
        Fakes.Call d = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, d, "create"));
        assertEquals("error: create needs a selector: om <path> create\n", d.err());
    }

    @Test
    void errorLinesEscapeControlsAndShortenHugeInput() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, c, "no\u001b]0;owned\u0007pe\nx", "delete"));
        assertEquals("error: no object selected by 'no\\x1b]0;owned\\x07pe\\nx'\n", c.err());
        Fakes.Call big = new Fakes.Call();
        Fakes.run(runner, big, "y".repeat(120 * 1024), "delete");
        assertEquals(1, big.err().lines().count());
        assertTrue(big.err().length() < 200, big.err());
        assertTrue(big.err().contains("(122880 characters)"), big.err());
    }

    @Test
    void theRunnerBoundsEveryErrorLine() {
        OmVerb loud = verb("loud", List.of(), (r, c) -> {
            throw new om.api.OmException("line1\nline2 " + "z".repeat(5000));
        });
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, new OmCommandRunner(Fakes.services(store), List.of(loud)).run(c.invocation(List.of("loud"))));
        assertEquals(1, c.err().lines().count());
        assertTrue(c.err().startsWith("error: line1\\nline2 zzz"));
        assertTrue(c.err().length() < Session.MAX_ERROR_LINE + 40, c.err());
    }

    @Test
    void aClientForAnotherNodeIsRefusedByTheDaemon() {
        DaemonControl daemon = new FakeDaemon(() -> {
            throw new AssertionError("must not stop");
        });
        OmCommandRunner inDaemon = new OmCommandRunner(Fakes.services("n1", store, daemon, null));
        Fakes.Call c = new Fakes.Call();
        c.env.put("OM_NODENAME", "n2");
        assertEquals(1, inDaemon.run(c.invocation(List.of("daemon", "stop"))));
        assertEquals("error: OM_NODENAME is 'n2' but this daemon is node 'n1'\n", c.err());
        // the same name, or none, passes
        Fakes.Call ok = new Fakes.Call();
        ok.env.put("OM_NODENAME", "n1");
        assertEquals(0, inDaemon.run(ok.invocation(List.of("ls"))));
        // without a daemon the embedded client runs as that node: nothing to compare
        Fakes.Call embedded = new Fakes.Call();
        embedded.env.put("OM_NODENAME", "n2");
        assertEquals(0, runner.run(embedded.invocation(List.of("ls"))));
    }

    @Test
    void theSelectorRunsUnderTheInvocationsCancellation() {
        Fakes.Call c = new Fakes.Call();
        c.cancel.cancel("client disconnected");
        assertEquals(130, Fakes.run(runner, c, "**", "delete"));
        assertEquals("error: client disconnected\n", c.err());
        assertTrue(store.deleted.isEmpty());
    }

    @Test
    void daemonVerbsWithoutADaemon() {
        for (List<String> args : List.of(List.of("daemon", "status"), List.of("mon"), List.of("daemon", "stop"))) {
            Fakes.Call c = new Fakes.Call();
            assertEquals(1, runner.run(c.invocation(args)), args.toString());
            assertEquals("error: daemon is not running\n", c.err(), args.toString());
        }
    }

    @Test
    void daemonStartAndRestartAreListedAndTheirCommandLineIsChecked() {
        Fakes.Call h = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, h, "help"));
        assertTrue(h.out().contains("\n  daemon start ") && h.out().contains("\n  daemon restart "), h.out());
        Fakes.Call u = new Fakes.Call();
        assertEquals(0, Fakes.run(runner, u, "daemon", "restart", "--help"));
        assertTrue(u.out().startsWith("usage: om daemon restart"), u.out());
        Fakes.Call bad = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, bad, "daemon", "start", "--debug"));
        assertEquals("error: unknown option '--debug' for 'daemon start'\n", bad.err());
        Fakes.Call inside = new Fakes.Call();
        assertEquals(1, Fakes.run(runner, inside, "daemon", "start"));
        assertEquals("error: 'om daemon start' is run by bin/om, not inside om\n", inside.err());
    }

    @Test
    void anotherBundleCanAddAVerb() {
        List<VerbRequest> seen = new ArrayList<>();
        OmVerb sw = new OmVerb() {
            @Override
            public List<String> words() {
                return List.of("relocate");
            }

            @Override
            public String summary() {
                return "move the object to another node";
            }

            @Override
            public List<OptionSpec> options() {
                return List.of(OptionSpec.text("--node", "<node>", "the destination"),
                        OptionSpec.duration("--time", "the longest wait"));
            }

            @Override
            public int run(VerbRequest request, VerbContext context) {
                seen.add(request);
                context.invocation().out().println("to " + request.option("--node") + " from " + context.node());
                return 0;
            }
        };
        OmCommandRunner withSwitch = new OmCommandRunner(Fakes.services(store), List.of(sw));
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, withSwitch.run(c.invocation(List.of("web1", "relocate", "--node", "n2", "--time", "1m"))));
        assertEquals("to n2 from n1\n", c.out());
        assertEquals(java.time.Duration.ofMinutes(1), seen.get(0).duration("--time").orElseThrow());
        Fakes.Call bad = new Fakes.Call();
        assertEquals(2, withSwitch.run(bad.invocation(List.of("web1", "relocate", "--time", "soon"))));
        assertEquals("error: invalid value 'soon' for --time: expected a duration like 30s, 5m or 1h30m\n",
                bad.err());
        Fakes.Call help = new Fakes.Call();
        assertEquals(0, withSwitch.run(help.invocation(List.of("help"))));
        assertTrue(help.out().lines().anyMatch(l -> l.matches("  relocate +move the object to another node")), help.out());
        // a built-in verb keeps its words
        OmVerb fakeLs = verb("ls", List.of(), (r, ctx) -> 99);
        assertEquals(0, new OmCommandRunner(Fakes.services(store), List.of(fakeLs))
                .run(new Fakes.Call().invocation(List.of("ls"))));
    }

    private interface Body {
        int run(VerbRequest r, VerbContext c);
    }

    private static OmVerb verb(String words, List<OptionSpec> options, Body body) {
        return new OmVerb() {
            @Override
            public List<String> words() {
                return List.of(words.split(" "));
            }

            @Override
            public String summary() {
                return "test verb";
            }

            @Override
            public SelectorUse selector() {
                return SelectorUse.OPTIONAL;
            }

            @Override
            public List<OptionSpec> options() {
                return options;
            }

            @Override
            public int run(VerbRequest request, VerbContext context) {
                return body.run(request, context);
            }
        };
    }
}
