package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.json.Json;
import om.api.orchestration.Accepted;
import om.api.orchestration.Orchestration;
import om.api.orchestration.PlacementRow;
import om.api.select.ObjectSelector;
import om.shell.internal.FakeDaemon;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import om.shell.internal.Services;
import org.junit.jupiter.api.Test;

class PrintPlacementVerbTest {
    static final List<PlacementRow> ROWS = List.of(
            new PlacementRow("n1", true, 1, true, List.of()),
            new PlacementRow("n2", true, 2, false, List.of()),
            new PlacementRow("node-three", false, 0, false, List.of("node frozen", "start failed")),
            new PlacementRow("n4", false, 0, false, List.of("not in nodes")));

    /** The orchestrator as the shell reaches it: the boundary of the shell, answering from its rows. */
    static final class Placements implements Orchestration {
        final List<ObjectPath> asked = new ArrayList<>();
        volatile List<PlacementRow> rows = ROWS;

        @Override
        public Accepted request(ObjectPath path, String verb, List<String> destination) {
            throw new UnsupportedOperationException("not a verb of print placement");
        }

        @Override
        public void clear(ObjectPath path) {
            throw new UnsupportedOperationException("not a verb of print placement");
        }

        @Override
        public List<PlacementRow> placement(ObjectPath path) {
            asked.add(path);
            if (path.name().equals("gone")) {
                throw new OmException(path.canonical() + ": object not found");
            }
            return rows;
        }
    }

    final Fakes.Store store = new Fakes.Store("web", "db", "gone");
    final Placements orchestration = new Placements();

    OmCommandRunner runner(FakeDaemon daemon, Orchestration o) {
        ObjectSelector sel = Fakes.selector(store);
        return new OmCommandRunner(new Services(Fakes.installation("n1"), store, null, null, null, () -> sel,
                () -> daemon, () -> null, () -> null, () -> null, () -> null, () -> null, () -> null, () -> o));
    }

    OmCommandRunner runner() {
        return runner(new FakeDaemon(), orchestration);
    }

    @Test
    void theTableIsAlignedWithTheLeaderMarkAndTheReasons() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), c, "web", "print", "placement"), c.err());
        assertEquals("""
                NODE        CANDIDATE  RANK  LEADER  WHY
                n1          yes        1     ^
                n2          yes        2
                node-three  no         -             node frozen, start failed
                n4          no         -             not in nodes
                """, c.out());
        assertEquals("", c.err());
        assertEquals(List.of(ObjectPath.parse("web")), orchestration.asked);
    }

    @Test
    void jsonIsAnArrayOfTheRows() throws Exception {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), c, "web", "print", "placement", "--format", "json"), c.err());
        JsonNode a = Json.mapper().readTree(c.out());
        assertEquals(4, a.size());
        assertEquals(Json.mapper().readTree("""
                {"node": "node-three", "candidate": false, "rank": 0, "leader": false,
                 "why": ["node frozen", "start failed"]}"""), a.get(2));
        assertEquals(Json.mapper().readTree("""
                {"node": "n1", "candidate": true, "rank": 1, "leader": true, "why": []}"""), a.get(0));
    }

    @Test
    void aClusterWithoutNodesIsTheHeaderAlone() {
        orchestration.rows = List.of();
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), c, "web", "print", "placement"));
        assertEquals("NODE  CANDIDATE  RANK  LEADER  WHY\n", c.out());
    }

    @Test
    void aMissingObjectIsOneLineAndExit1() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(), c, "nosuch", "print", "placement"));
        assertEquals("error: nosuch: object not found\n", c.err());
        assertEquals("", c.out());
        Fakes.Call d = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(), d, "gone", "print", "placement"), "the daemon does not know it");
        assertEquals("error: gone: object not found\n", d.err());
    }

    @Test
    void aSelectionOfSeveralObjectsIsRefused() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(), c, "web,db", "print", "placement"));
        assertEquals("error: print placement: one object path, not a selection of 2 objects\n", c.err());
        assertTrue(orchestration.asked.isEmpty());
    }

    @Test
    void withoutTheDaemonOrTheOrchestratorItIsTheirLine() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(null, orchestration), c, "web", "print", "placement"));
        assertEquals("error: daemon is not running (use --local to act on the local instance)\n", c.err());
        Fakes.Call d = new Fakes.Call();
        assertEquals(1, Fakes.run(runner(new FakeDaemon(), null), d, "web", "print", "placement"));
        assertEquals("error: the orchestrator is not running (bundle om.orchestrator not deployed)\n", d.err());
    }

    @Test
    void optionsAreChecked() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(2, Fakes.run(runner(), c, "web", "print", "placement", "--format", "yaml"));
        assertTrue(c.err().startsWith("error: ") && c.err().contains("yaml"), c.err());
        Fakes.Call d = new Fakes.Call();
        assertEquals(2, Fakes.run(runner(), d, "web", "print", "placement", "--eval"));
        assertTrue(d.err().contains("--eval"), d.err());
        Fakes.Call e = new Fakes.Call();
        assertEquals(2, Fakes.run(runner(), e, "print", "placement"), "a path is required");
        assertTrue(orchestration.asked.isEmpty());
    }

    @Test
    void helpShowsTheVerb() {
        Fakes.Call c = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), c, "help"));
        assertTrue(c.out().lines().anyMatch(l -> l.matches("  print placement +show which nodes are placement "
                + "candidates.*")), c.out());
        Fakes.Call d = new Fakes.Call();
        assertEquals(0, Fakes.run(runner(), d, "web", "print", "placement", "--help"));
        assertTrue(d.out().contains("om <path> print placement") && d.out().contains("--format"), d.out());
        assertTrue(d.out().contains("LEADER (^ for"), d.out());
    }
}
