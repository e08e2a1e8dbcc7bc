package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import om.api.action.ActionOptions;
import om.api.cli.OmVerb;
import om.api.cli.VerbRequest;
import om.shell.internal.CommandLineParser;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import org.junit.jupiter.api.Test;

class ActionVerbOptionsTest {
    private final Fakes.Store store = new Fakes.Store("web1");
    private final OmCommandRunner runner = new OmCommandRunner(Fakes.services(store));
    private final Map<String, OmVerb> verbs = runner.verbs();

    private ActionOptions options(String... args) {
        VerbRequest r = new CommandLineParser(verbs).parse(List.of(args)).request();
        return ActionVerb.options(r);
    }

    @Test
    void theEngineGetsTheCheckedValues() {
        ActionOptions o = options("web1", "--rid", "app#0, fs", "start", "--subsets", "s1,s2", "--tags", "a+b,c",
                "--waitlock=1m", "--force", "--dry-run", "--disable-rollback");
        assertEquals(List.of("app#0", "fs"), o.rids());
        assertEquals(List.of("s1", "s2"), o.subsets());
        assertEquals("a+b,c", o.tags());
        assertEquals(Duration.ofMinutes(1), o.waitlock());
        assertTrue(o.force() && o.dryRun() && o.disableRollback());
        ActionOptions none = options("web1", "stop");
        assertEquals(List.of(), none.rids());
        assertNull(none.tags());
        assertNull(none.waitlock());
        assertFalse(none.force());
    }

    @Test
    void aWaitlockNoClockCanWaitForIsRefused() {
        // 27,000 years: nanoTime() + toNanos() would overflow in the lock wait
        Fakes.Call c = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, c, "web1", "start", "--local", "--waitlock", "9999999d"));
        assertEquals("error: invalid value '9999999d' for --waitlock: expected a duration like 30s, 5m or 1h30m\n",
                c.err());
    }

    @Test
    void confirmIsOnlyForRun() {
        assertTrue(verbs.get("run").options().stream().anyMatch(o -> o.name().equals("--confirm")));
        Fakes.Call c = new Fakes.Call();
        assertEquals(2, Fakes.run(runner, c, "web1", "start", "--confirm"));
        assertEquals("error: unknown option '--confirm' for 'start'\n", c.err());
    }

    @Test
    void anOrchestratedActionWithoutDaemonPointsToLocal() {
        for (String verb : List.of("start", "stop")) {
            Fakes.Call c = new Fakes.Call();
            assertEquals(1, Fakes.run(runner, c, "web1", verb));
            assertEquals("error: daemon is not running (use --local to act on the local instance)\n", c.err());
        }
    }
}
