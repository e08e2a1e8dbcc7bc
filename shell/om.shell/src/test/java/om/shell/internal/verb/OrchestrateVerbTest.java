package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.daemon.DaemonEvent;
import om.api.daemon.InstanceMonitor;
import om.api.orchestration.Accepted;
import om.api.orchestration.Orchestration;
import om.api.orchestration.PlacementRow;
import om.api.select.ObjectSelector;
import om.shell.internal.FakeDaemon;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import om.shell.internal.Services;
import org.junit.jupiter.api.Test;

/**
 * The orchestrated verbs against the orchestrator's boundary: what a request prints, how {@code --wait} ends on
 * the daemon's events (the local end of the orchestration, a failed step on any node, the time bound).
 */
class OrchestrateVerbTest {
    final Fakes.Store store = new Fakes.Store("web", "db");
    final FakeDaemon daemon = new FakeDaemon();
    final List<String> asked = new ArrayList<>();
    /** What the fake orchestrator does after accepting (publish events on the daemon), per request. */
    volatile BiConsumer<ObjectPath, Accepted> then = (p, a) -> { };
    volatile String refusal;

    final Orchestration orchestration = new Orchestration() {
        @Override
        public Accepted request(ObjectPath path, String verb, List<String> destination) {
            asked.add(path.canonical() + " " + verb + (destination.isEmpty() ? "" : " " + destination));
            if (refusal != null) {
                throw new OmException(refusal);
            }
            Accepted a = new Accepted("id-" + path.name(), verb.equals("start") ? "started" : verb, Instant.now(),
                    false);
            Thread t = new Thread(() -> {
                sleep(50);
                then.accept(path, a);
            });
            t.start();
            return a;
        }

        @Override
        public void clear(ObjectPath path) {
            asked.add(path.canonical() + " clear");
        }

        @Override
        public List<PlacementRow> placement(ObjectPath path) {
            return List.of();
        }
    };

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    OmCommandRunner runner(FakeDaemon d) {
        ObjectSelector sel = Fakes.selector(store);
        return new OmCommandRunner(new Services(Fakes.installation("n1"), store, null, null, null, () -> sel,
                () -> d, () -> null, () -> null, () -> null, () -> null, () -> null, () -> null,
                () -> d == null ? null : orchestration));
    }

    private void end(ObjectPath p, Accepted a, String result) {
        daemon.publish(new DaemonEvent.OrchestrationEnd(Instant.now(), "n1", p.canonical(),
                new DaemonEvent.OrchestrationEnd.Outcome(result, a.globalExpect(), a.orchestrationId())));
    }

    @Test
    void byDefaultTheCommandReturnsOnceAcceptedWithoutOutput() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(daemon), c, "web", "start"));
        assertEquals("", c.out() + c.err());
        assertEquals(List.of("web start"), asked);
    }

    @Test
    void waitEndsWithTheLocalEndOfTheOrchestration() {
        then = (p, a) -> end(p, a, "done");
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(daemon), c, "web", "switch", "--node", "n2", "--wait"), c.err());
        assertEquals("", c.err());
        assertEquals(List.of("web switch [n2]"), asked);
    }

    @Test
    void aFailedStepOnAnyNodeEndsTheWaitWithItsLine() {
        then = (p, a) -> daemon.publish(new DaemonEvent.InstanceMonitorUpdated(Instant.now(), "n2", p.canonical(),
                new InstanceMonitor("start failed", "started", "none", true, Instant.now())));
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(daemon), c, "web", "start", "--wait"));
        assertEquals("error: web: start failed on n2\n", c.err());
    }

    @Test
    void anAbortedOrchestrationFailsTheWaitOfItsTarget() {
        then = (p, a) -> end(p, a, "aborted");
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(daemon), c, "web", "start", "--wait"));
        assertEquals("error: web: aborted\n", c.err());
    }

    @Test
    void timeBoundsTheWaitAndTheTargetStays() {
        Fakes.Call c = new Fakes.Call();
        long t0 = System.nanoTime();
        assertEquals(1, Fakes.run(runner(daemon), c, "web", "start", "--time", "1s"));
        assertEquals("error: web: timeout after 1s waiting for started\n", c.err());
        assertEquals(true, System.nanoTime() - t0 >= 1_000_000_000L);
    }

    @Test
    void aRefusalIsItsOneLineAndEachObjectIsNamedInASelection() {
        refusal = "orchestration in progress (global expect started): use abort first";
        Fakes.Call one = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(daemon), one, "web", "stop"));
        assertEquals("error: orchestration in progress (global expect started): use abort first\n", one.err());
        Fakes.Call two = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(daemon), two, "*", "stop"));
        assertEquals("error: db: orchestration in progress (global expect started): use abort first\n"
                + "error: web: orchestration in progress (global expect started): use abort first\n", two.err());
    }

    @Test
    void localActionsRefuseTheWaitOptionsAndOrchestratedOnesNeedTheDaemon() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(daemon), c, "web", "start", "--local", "--wait"));
        assertEquals("error: --wait applies to orchestrated actions (without --local and resource filters)\n",
                c.err());
        Fakes.Call d = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(daemon), d, "web", "stop", "--force"));
        assertEquals("error: --force applies to --local actions (the orchestrator acts on whole instances)\n",
                d.err());
        Fakes.Call none = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(null), none, "web", "giveback"));
        assertEquals("error: daemon is not running (use --local to act on the local instance)\n", none.err());
        Fakes.Call sw = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(daemon), sw, "web", "switch"));
        assertEquals("error: switch needs --node <nodename>\n", sw.err());
        assertEquals(List.of(), asked);
    }
}
