package om.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import om.api.status.Status;
import om.orchestrator.api.InstanceView;
import om.orchestrator.api.NodeView;
import om.orchestrator.api.Orchestrator;
import om.orchestrator.api.Situation;
import org.junit.jupiter.api.Test;

/**
 * The checker can fail: one node runs a broken rule (it ignores its peers' up state: every peer instance looks
 * down to it), and the simulation must catch it as a new (a) failure, with a trace that shows the double start
 * and the command to replay it.
 */
class SimulationCheckerTest {
    /** The real core on a situation where every peer's instance is shown down and idle. */
    static final Brain IGNORES_PEERS = s -> Orchestrator.decide(blind(s));

    private static Situation blind(Situation s) {
        Map<String, NodeView> nodes = new LinkedHashMap<>();
        s.nodes().forEach((n, v) -> {
            InstanceView i = v.instance();
            if (!n.equals(s.self()) && i != null) {
                i = new InstanceView(Status.DOWN, Status.DOWN, i.frozen(), i.provisioned(), i.lastStartedAt(),
                        om.orchestrator.api.MonitorView.IDLE_MONITOR);
            }
            nodes.put(n, new NodeView(v.alive(), v.monitor(), v.frozen(), v.stats(), i, v.diedAt()));
        });
        return new Situation(s.object(), nodes, s.self(), s.now(), s.fenced(), s.related());
    }

    @Test
    void aNodeIgnoringItsPeersIsCaught() {
        Runs.Outcome caught = null;
        for (long seed = 1; seed <= 200 && caught == null; seed++) {
            Runs.Outcome o = Runs.run(seed, IGNORES_PEERS);
            if (o.newFailure() && o.message().contains("(a)")) {
                caught = o;
            }
        }
        assertTrue(caught != null, "no seed of 200 caught a node that ignores its peers");
        String report = Runs.report(caught.seed(), IGNORES_PEERS);
        assertTrue(report.contains("FAILED"), report);
        assertTrue(report.contains(" run start"), report);
        assertTrue(report.contains("-Dseed=" + caught.seed()), report);
        assertTrue(report.matches("(?s).*\\n +[0-9]+\\.[0-9]{3}s .*"), "trace lines carry virtual times: " + report);
    }

    @Test
    void theSameSeedReplaysTheSameRun() {
        for (long seed = 1; seed <= 30; seed++) {
            assertTrue(Runs.report(seed, Brain.REAL).equals(Runs.report(seed, Brain.REAL)), "seed " + seed);
        }
    }
}
