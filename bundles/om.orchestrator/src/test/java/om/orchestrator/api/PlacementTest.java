package om.orchestrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

/** The ranking of orchestration.md section 4, policy by policy, and the candidate rules. */
class PlacementTest {
    private static final List<String> N123 = List.of("n1", "n2", "n3");

    private static ObjectFacts facts(String path, String policy, List<String> nodes) {
        return new ObjectFacts(path, "failover", "ha", policy, nodes, List.of(), 1, nodes.size(), 1, 50, false,
                Duration.ofSeconds(5), false);
    }

    private static ObjectFacts flex(String policy, int target) {
        return new ObjectFacts("svc1", "flex", "ha", policy, N123, List.of(), 1, 3, target, 50, false,
                Duration.ofSeconds(5), false);
    }

    private static InstanceView down() {
        return new InstanceView(Status.DOWN, Status.DOWN, false, "true", null, MonitorView.IDLE_MONITOR);
    }

    private static NodeView live(InstanceView i) {
        return new NodeView(true, null, false, null, i, null);
    }

    private static NodeView withStats(double load, int score) {
        return new NodeView(true, null, false, new NodeStats(load, score, 1000, 50, 1000, 50), down(), null);
    }

    private static Map<String, NodeView> allDown(List<String> names) {
        Map<String, NodeView> m = new LinkedHashMap<>();
        names.forEach(n -> m.put(n, live(down())));
        return m;
    }

    @Test
    void nodesOrderIsTheOrderOfNodesNotOfNames() {
        List<String> nodes = List.of("n3", "n1", "n2");
        assertEquals(List.of("n3", "n1", "n2"), Placement.ranked(facts("svc1", "nodes order", nodes),
                allDown(nodes)));
        assertEquals(List.of("n3"), Placement.leaders(facts("svc1", "nodes order", nodes), allDown(nodes)));
    }

    @Test
    void loadAvgAscendingTiesInNodesOrderUnknownLast() {
        Map<String, NodeView> m = new LinkedHashMap<>();
        m.put("n1", withStats(Double.NaN, 0));
        m.put("n2", withStats(0.7, 0));
        m.put("n3", withStats(0.2, 0));
        m.put("n4", withStats(0.7, 0));
        assertEquals(List.of("n3", "n2", "n4", "n1"),
                Placement.ranked(facts("svc1", "load avg", List.of("n1", "n2", "n3", "n4")), m));
    }

    @Test
    void scoreDescendingTiesInNodesOrder() {
        Map<String, NodeView> m = new LinkedHashMap<>();
        m.put("n1", withStats(1, 80));
        m.put("n2", withStats(1, 95));
        m.put("n3", withStats(1, 95));
        assertEquals(List.of("n2", "n3", "n1"), Placement.ranked(facts("svc1", "score", N123), m));
    }

    @Test
    void spreadFollowsTheDigestOfPathAndNodeComparedUnsigned() {
        // md5("ns1/svc/web" + n): n1 5a20..., n2 6897..., n3 2be7...
        assertEquals(List.of("n3", "n1", "n2"), Placement.ranked(facts("ns1/svc/web", "spread", N123),
                allDown(N123)));
        // md5("svc1" + n): n1 0d4c..., n2 5762..., n3 add8...: a signed byte compare would put n3 (0xad) first
        assertEquals(List.of("n1", "n2", "n3"), Placement.ranked(facts("svc1", "spread", N123), allDown(N123)));
    }

    @Test
    void shiftRotatesBySliceIndexOnlyForScalerSlices() {
        assertEquals(List.of("n1", "n2", "n3"), Placement.ranked(facts("web", "shift", N123), allDown(N123)));
        assertEquals(List.of("n2", "n3", "n1"), Placement.ranked(facts("1.web", "shift", N123), allDown(N123)));
        // index modulo the candidate count
        assertEquals(List.of("n3", "n1", "n2"), Placement.ranked(facts("ns1/svc/5.web", "shift", N123),
                allDown(N123)));
        Map<String, NodeView> m = allDown(N123);
        m.put("n2", new NodeView(false, null, false, null, null, Instant.EPOCH));
        // 2 candidates: 3 mod 2 = 1
        assertEquals(List.of("n3", "n1"), Placement.ranked(facts("3.web", "shift", N123), m));
    }

    @Test
    void lastStartMostRecentFirstNeverStartedLast() {
        Map<String, NodeView> m = new LinkedHashMap<>();
        m.put("n1", live(started(null)));
        m.put("n2", live(started(Instant.parse("2026-01-01T00:00:00Z"))));
        m.put("n3", live(started(Instant.parse("2026-02-01T00:00:00Z"))));
        assertEquals(List.of("n3", "n2", "n1"), Placement.ranked(facts("svc1", "last start", N123), m));
    }

    private static InstanceView started(Instant at) {
        return new InstanceView(Status.DOWN, Status.DOWN, false, "true", at, MonitorView.IDLE_MONITOR);
    }

    @Test
    void noneElectsNobody() {
        assertEquals(List.of(), Placement.leaders(facts("svc1", "none", N123), allDown(N123)));
        assertNull(Placement.naturalLeader(facts("svc1", "none", N123), allDown(N123)));
    }

    @Test
    void flexElectsFlexTargetLeadersAtMostTheCandidates() {
        assertEquals(List.of("n1", "n2"), Placement.leaders(flex("nodes order", 2), allDown(N123)));
        assertEquals(N123, Placement.leaders(flex("nodes order", 5), allDown(N123)));
        assertEquals(List.of(), Placement.leaders(flex("nodes order", 0), allDown(N123)));
    }

    @Test
    void everyReasonRemovesACandidate() {
        ObjectFacts f = new ObjectFacts("svc1", "failover", "ha", "nodes order", N123, List.of("d1"), 1, 3, 1, 50,
                false, null, false);
        Map<String, NodeView> m = allDown(N123);
        m.put("d1", live(down()));
        m.put("n1", new NodeView(true, new NodeMonitor("rejoin", "none", null), false, null, down(), null));
        assertEquals(List.of("n2", "n3"), Placement.ranked(f, m));
        m.put("n2", live(down().withMonitor(new MonitorView("start failed", null, null, null, null))));
        m.put("n3", live(new InstanceView(Status.DOWN, null, false, "mixed", null, null)));
        assertEquals(List.of(), Placement.ranked(f, m));
        assertEquals(List.of("part-provisioned"), Placement.why(f, "n3", m.get("n3"), false));
        assertEquals(List.of("not in nodes"), Placement.why(f, "d1", m.get("d1"), false));
        assertEquals(List.of("dead"), Placement.why(f, "n3", null, false));
        assertEquals(List.of("not in nodes", "dead"), Placement.why(f, "n4", null, false));
    }

    @Test
    void printPlacementJsonRows() throws Exception {
        Map<String, NodeView> m = allDown(N123);
        m.put("n2", new NodeView(true, null, true, null, down(), null));
        String json = om.api.json.Json.mapper().writeValueAsString(Placement.explain(facts("svc1", "nodes order",
                N123), m));
        assertEquals("[{\"node\":\"n1\",\"candidate\":true,\"rank\":1,\"leader\":true,\"why\":[]},"
                + "{\"node\":\"n2\",\"candidate\":false,\"rank\":0,\"leader\":false,\"why\":[\"node frozen\"]},"
                + "{\"node\":\"n3\",\"candidate\":true,\"rank\":2,\"leader\":false,\"why\":[]}]", json);
    }

    @Test
    void naturalLeaderRanksDeadNodesAsIfAlive() {
        Map<String, NodeView> m = allDown(N123);
        m.put("n1", new NodeView(false, null, false, null, null, Instant.EPOCH));
        ObjectFacts f = facts("svc1", "nodes order", N123);
        assertEquals("n1", Placement.naturalLeader(f, m));
        assertEquals(List.of("n2"), Placement.leaders(f, m));
        // a live objection still counts: a frozen node is not the natural leader
        m.put("n1", new NodeView(true, null, true, null, down(), null));
        assertEquals("n2", Placement.naturalLeader(f, m));
    }
}
