package om.orchestrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import om.api.status.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scenarios played by several nodes running the core at once ({@link ClusterSim}): what the golden
 * files show one step at a time, here to the end, with the invariants checked on the way (never two failover
 * instances up, one start per node and move, one {@code OrchestrationEnd} per node and target), with peers' data
 * current and one round late.
 */
class ScenarioTest {
    private static ClusterSim sim(ObjectFacts f, boolean lagging) {
        ClusterSim c = new ClusterSim(f);
        c.lagging = lagging;
        return c;
    }

    private static GlobalExpect target(String word) {
        return GlobalExpect.parse(word, null);
    }

    @ParameterizedTest(name = "peers seen late: {0}")
    @ValueSource(booleans = {false, true})
    void haStartsOnTheLeaderThenFailsOverAfterDeathFencingOnce(boolean lagging) {
        ClusterSim c = sim(ClusterSim.failover("ha", true, "n1", "n2", "n3"), lagging);
        c.rounds(10);
        assertEquals(List.of("n1"), c.up());
        assertEquals(1, c.count("n1 start"));
        c.kill("n1");
        // ready_period 3 s, the start takes one round
        c.rounds(6);
        assertEquals(List.of("n2"), c.up());
        assertEquals(1, c.count("n2 fence n1"));
        assertEquals(0, c.count("n3 start") + c.count("n3 fence n1"));
        c.rounds(10);
        assertEquals(1, c.count("n2 start"));
        assertEquals(1, c.count("n2 fence n1"), "fenced once per death");
        assertEquals(1, c.maxUp);
    }

    @ParameterizedTest(name = "peers seen late: {0}")
    @ValueSource(booleans = {false, true})
    void theOldLeaderRejoinsWithoutFailbackAndGivebackMovesItBack(boolean lagging) {
        ClusterSim c = sim(ClusterSim.failover("ha", false, "n1", "n2"), lagging);
        c.rounds(8);
        c.kill("n1");
        c.rounds(8);
        assertEquals(List.of("n2"), c.up());
        ClusterSim.Node n1 = c.node("n1");
        n1.alive = true;
        n1.diedAt = null;
        n1.avail = Status.DOWN;
        n1.state = MonitorView.IDLE;
        c.rounds(10);
        assertEquals(List.of("n2"), c.up(), "no automatic failback");
        assertTrue(c.request("n2", "giveback", target("placed")).isEmpty());
        c.rounds(10);
        assertEquals(List.of("n1"), c.up());
        assertTrue(c.targetsDropped());
        assertEquals(1, c.count("n1 end done placed"));
        assertEquals(1, c.count("n2 end done placed"));
        assertEquals(1, c.maxUp);
    }

    @ParameterizedTest(name = "peers seen late: {0}")
    @ValueSource(booleans = {false, true})
    void startFromANonLeaderRunsOnTheLeaderOnly(boolean lagging) {
        ClusterSim c = sim(ClusterSim.failover("no", false, "n1", "n2", "n3"), lagging);
        assertTrue(c.request("n3", "start", target("started")).isEmpty());
        c.rounds(10);
        assertEquals(List.of("n1"), c.up());
        assertTrue(c.targetsDropped());
        for (String n : List.of("n1", "n2", "n3")) {
            assertEquals(1, c.count(n + " end done started"), n);
        }
        assertEquals("started", c.node("n1").localExpect);
    }

    @ParameterizedTest(name = "peers seen late: {0}")
    @ValueSource(booleans = {false, true})
    void switchThenStopFreezesAndHaRestartsNothing(boolean lagging) {
        ClusterSim c = sim(ClusterSim.failover("ha", false, "n1", "n2"), lagging);
        c.rounds(8);
        assertTrue(c.request("n1", "switch", target("placed@n2")).isEmpty());
        c.rounds(8);
        assertEquals(List.of("n2"), c.up());
        assertEquals(1, c.count("n1 stop"));
        assertTrue(c.targetsDropped());
        assertTrue(c.request("n1", "stop", target("stopped")).isEmpty());
        c.rounds(8);
        assertEquals(List.of(), c.up());
        assertTrue(c.node("n1").frozen && c.node("n2").frozen);
        c.rounds(20);
        assertEquals(List.of(), c.up(), "frozen: not restarted by ha");
        assertTrue(c.request("n2", "start", target("started")).isEmpty());
        c.rounds(10);
        assertEquals(List.of("n1"), c.up(), "start thaws and runs on the leader");
        assertFalse(c.node("n1").frozen || c.node("n2").frozen);
        assertEquals(1, c.maxUp);
    }

    @ParameterizedTest(name = "peers seen late: {0}")
    @ValueSource(booleans = {false, true})
    void aFailedStartBlocksThenAbortThenClearRetries(boolean lagging) {
        ClusterSim c = sim(ClusterSim.failover("no", false, "n1", "n2"), lagging);
        c.failStarts.add("n1");
        assertTrue(c.request("n2", "start", target("started")).isEmpty());
        c.rounds(15);
        assertEquals("start failed", c.node("n1").state);
        assertEquals(1, c.count("n1 end failed started"));
        assertEquals(0, c.count("n2 start"), "nothing is tried on other nodes");
        assertEquals("orchestration in progress (global expect started): use abort first",
                c.request("n2", "stop", target("stopped")).orElseThrow());
        assertTrue(c.request("n2", "abort", target("aborted")).isEmpty());
        c.rounds(3);
        assertTrue(c.targetsDropped());
        assertEquals("start failed", c.node("n1").state, "failed states stay until clear");
        c.failStarts.clear();
        c.clear("n2");
        assertTrue(c.request("n2", "start", target("started")).isEmpty());
        c.rounds(10);
        assertEquals(List.of("n1"), c.up());
        assertTrue(c.targetsDropped());
    }

    @ParameterizedTest(name = "peers seen late: {0}")
    @ValueSource(booleans = {false, true})
    void haStartFailureMakesTheNextCandidateTry(boolean lagging) {
        ClusterSim c = sim(ClusterSim.failover("ha", false, "n1", "n2"), lagging);
        c.failStarts.add("n1");
        c.rounds(15);
        assertEquals(List.of("n2"), c.up());
        assertEquals(1, c.count("n1 start"));
        assertEquals(MonitorView.IDLE, c.node("n1").state, "start failed back to idle: up elsewhere");
    }

    @ParameterizedTest(name = "peers seen late: {0}")
    @ValueSource(booleans = {false, true})
    void flexReachesItsTargetFromNoneAndFromTooMany(boolean lagging) {
        ClusterSim c = sim(ClusterSim.flex(2, "n1", "n2", "n3"), lagging);
        c.rounds(8);
        assertEquals(List.of("n1", "n2"), c.up());
        c.node("n3").avail = Status.UP;
        c.rounds(5);
        assertEquals(List.of("n1", "n2"), c.up());
        assertEquals(1, c.count("n3 stop"));
    }

    @ParameterizedTest(name = "peers seen late: {0}")
    @ValueSource(booleans = {false, true})
    void takeoverFromTheNodeThatAsks(boolean lagging) {
        ClusterSim c = sim(ClusterSim.failover("ha", false, "n1", "n2"), lagging);
        c.rounds(8);
        assertTrue(c.request("n2", "takeover", GlobalExpect.parse("placed@n2", null)).isEmpty());
        c.rounds(8);
        assertEquals(List.of("n2"), c.up());
        c.rounds(20);
        assertEquals(List.of("n2"), c.up(), "ha keeps it where the takeover put it");
        assertEquals(1, c.maxUp);
    }
}
