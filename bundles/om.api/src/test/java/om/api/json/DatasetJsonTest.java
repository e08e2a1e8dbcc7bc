package om.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import om.api.daemon.ArbitratorStatus;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonStatus;
import om.api.daemon.ListenerEndpoint;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

class DatasetJsonTest {
    private static final Instant T = Instant.parse("2025-01-10T09:12:03.123Z");
    private static final Instant T2 = Instant.parse("2025-01-10T08:00:00.001Z");

    private static ResourceStatus resource(String rid, Status st, boolean standby, boolean running, int restart,
                                           int remaining, String subset, List<LogEntry> log) {
        return new ResourceStatus(rid, "app.forking", "forking app " + rid, st, "true", true, false, rid.endsWith("1"),
                standby, false, rid.startsWith("fs"), running, restart, remaining, subset, List.of("web", "db"),
                log);
    }

    /** An instance with everything set: resources in a non-sorted order, log entries, standby, a running task. */
    private static InstanceStatus full(String path) {
        Map<String, ResourceStatus> res = new LinkedHashMap<>();
        res.put("ip#1", resource("ip#1", Status.UP, false, false, 0, -1, null, List.of()));
        res.put("app#0", resource("app#0", Status.WARN, false, true, 2, 1, "s1",
                List.of(LogEntry.warn("pid file stale"), new LogEntry(Level.DEBUG, "checked"), LogEntry.info("é\n2"),
                        LogEntry.error("exit 3"))));
        res.put("fs#0", resource("fs#0", Status.STDBY_UP, true, false, 5, 12, null, List.of()));
        return new InstanceStatus(path, "n1", "svc", "flex", "ha", Status.WARN, Status.WARN, Status.NA, "mixed", true,
                T, T, T2, List.of("app#0"), res, 7);
    }

    /** Nothing optional: null times, no resources, an empty running list. */
    private static InstanceStatus bare(String path, String node) {
        return new InstanceStatus(path, node, "vol", "failover", "no", Status.DOWN, Status.UNDEF, Status.NA, "n/a",
                false, null, null, null, List.of(), Map.of(), 50);
    }

    private static NodeData nodeData() {
        return new NodeData(new NodeMonitor("maintenance", "none", T), true, T, T2,
                Map.of("n1", 42L, "n2", Long.MAX_VALUE), new NodeStats(0.4, 95, 15900, 71, 2047, 100),
                Map.of("arbitrator#1", new ArbitratorStatus("a1", "up"), "arbitrator#2",
                        new ArbitratorStatus("a2", "down")),
                Map.of("ns1/svc/web", new ObjectConfigSummary(List.of("n1", "n2"), "abc", T),
                        "vol/v1", new ObjectConfigSummary(List.of("n1"), "", null)),
                Map.of("ns1/svc/web", full("ns1/svc/web"), "vol/v1", bare("vol/v1", "n1")),
                Map.of("ns1/svc/web", new InstanceMonitor("start failed", "started", "started", true, T2),
                        "vol/v1", InstanceMonitor.idle(false)),
                Map.of("ns1/svc/gone", T, "old", T2));
    }

    private static JsonNode reparse(JsonNode n) throws Exception {
        // through text, as a peer receives it
        return Json.mapper().readTree(Json.mapper().writeValueAsString(n));
    }

    @Test
    void nodeDataRoundTrips() throws Exception {
        NodeData d = nodeData();
        NodeData back = DatasetJson.nodeData("n1", reparse(DatasetJson.nodeData(d)));
        assertEquals(d, back);
        assertEquals(List.of("ip#1", "app#0", "fs#0"), List.copyOf(back.instances().get("ns1/svc/web")
                .resources().keySet()), "resources keep their display order");
        assertTrue(back.instances().get("ns1/svc/web").resources().get("app#0").running());
        assertEquals('1', back.instances().get("ns1/svc/web").resources().get("app#0").flags().charAt(7));
    }

    @Test
    void unknownLoadAndEmptyMapsRoundTrip() throws Exception {
        NodeData d = new NodeData(new NodeMonitor("idle", "none", null), false, null, null, Map.of(),
                NodeStats.UNKNOWN, Map.of(), Map.of(), Map.of());
        ObjectNode doc = DatasetJson.nodeData(d);
        assertTrue(doc.path("stats").path("load_15m").isMissingNode(), "NaN is not JSON: left out");
        assertEquals(d, DatasetJson.nodeData("n2", reparse(doc)));
    }

    @Test
    void anInstanceDocumentRoundTripsWithItsMonitor() throws Exception {
        InstanceStatus st = full("ns1/svc/web");
        InstanceMonitor m = new InstanceMonitor("idle", "none", "started", true, null);
        JsonNode doc = reparse(DatasetJson.instance(st, m));
        assertEquals(st, DatasetJson.instanceStatus("n1", "ns1/svc/web", doc));
        assertEquals(m, DatasetJson.instanceMonitor(doc));
        JsonNode noMonitor = reparse(DatasetJson.instance(st, null));
        assertTrue(noMonitor.path("monitor").isMissingNode());
        assertNull(DatasetJson.instanceMonitor(noMonitor));
    }

    @Test
    void theInstanceDocumentHasTheSection6Members() {
        ObjectNode doc = DatasetJson.instance(full("web"), InstanceMonitor.idle(true));
        assertEquals(List.of("kind", "topology", "orchestrate", "avail", "overall", "optional", "provisioned",
                "frozen", "frozen_at", "updated_at", "last_started_at", "priority", "running", "resources", "monitor"),
                names(doc));
        JsonNode app = doc.path("resources").path("app#0");
        assertEquals(List.of("type", "label", "status", "provisioned", "monitor", "disable", "optional", "standby",
                "encap", "stopped", "restart", "restart_remaining", "subset", "tags", "log"), names(app));
        assertEquals("warn", app.path("log").get(0).path("level").asText());
        assertEquals("2025-01-10T09:12:03.123Z", doc.path("frozen_at").asText());
        assertEquals("stdby up", doc.path("resources").path("fs#0").path("status").asText());
        assertTrue(doc.path("resources").path("ip#1").path("subset").isNull());
    }

    @Test
    void timestampsAreWrittenWithMilliseconds() {
        InstanceStatus st = new InstanceStatus("web", "n1", "svc", "failover", "no", Status.UP, Status.UP, Status.NA,
                "true", false, null, Instant.parse("2025-01-10T09:12:03.123456789Z"), Instant.parse(
                "2025-01-10T09:12:03Z"), List.of(), Map.of(), 50);
        ObjectNode doc = DatasetJson.instance(st, null);
        assertEquals("2025-01-10T09:12:03.123Z", doc.path("updated_at").asText());
        assertEquals("2025-01-10T09:12:03.000Z", doc.path("last_started_at").asText());
    }

    /** The sample of status.md section 6, as printed by print status (with path, node and object). */
    private static final String SECTION6 = """
            {"path": "web1", "node": "n1", "topology": "failover", "orchestrate": "ha",
             "avail": "up", "overall": "warn", "optional": "n/a", "provisioned": "true",
             "frozen": false, "frozen_at": null, "updated_at": "2025-01-10T09:12:03.123Z",
             "last_started_at": "2025-01-10T08:00:00.001Z", "running": [],
             "resources": {"app#0": {"type": "app.forking", "label": "forking app /usr/local/bin/webctl start",
                 "status": "up", "provisioned": "true", "monitor": true, "disable": false, "optional": false,
                 "standby": false, "encap": false, "stopped": false, "restart": 2, "restart_remaining": 1,
                 "subset": null, "tags": ["web"], "log": [{"level": "warn", "message": "…"}]}},
             "monitor": {"state": "idle", "global_expect": "none", "local_expect": "started",
                 "is_leader": true, "state_updated_at": "2025-01-10T09:12:03.123Z"},
             "object": {"avail": "up", "overall": "warn", "placement": "optimal",
                 "frozen": "unfrozen", "provisioned": "true", "up_instances": 1}}
            """;

    @Test
    void theSection6SampleDecodes() throws Exception {
        JsonNode doc = Json.mapper().readTree(SECTION6);
        InstanceStatus st = DatasetJson.instanceStatus("n1", "web1", doc);
        ResourceStatus app = new ResourceStatus("app#0", "app.forking", "forking app /usr/local/bin/webctl start",
                Status.UP, "true", true, false, false, false, false, false, false, 2, 1, null, List.of("web"),
                List.of(LogEntry.warn("…")));
        assertEquals(new InstanceStatus("web1", "n1", "svc", "failover", "ha", Status.UP, Status.WARN, Status.NA,
                "true", false, null, T, T2, List.of(), Map.of("app#0", app), 50), st,
                "kind from the path, the default priority");
        assertEquals(new InstanceMonitor("idle", "none", "started", true, T), DatasetJson.instanceMonitor(doc));
        assertEquals(".M.....1", st.resources().get("app#0").flags());
    }

    @Test
    void unknownMembersAreIgnored() throws Exception {
        ObjectNode doc = DatasetJson.nodeData(nodeData());
        doc.put("future", 1);
        ((ObjectNode) doc.path("services").path("status").path("vol/v1")).putObject("encap").put("x", true);
        ((ObjectNode) doc.path("stats")).putArray("cpus");
        assertEquals(nodeData(), DatasetJson.nodeData("n1", doc));
    }

    @Test
    void nodeDataWithoutDeletionsDecodes() {
        ObjectNode doc = DatasetJson.nodeData(nodeData());
        ((ObjectNode) doc.path("services")).remove("deleted");
        assertEquals(Map.of(), DatasetJson.nodeData("n1", doc).deleted(), "a peer predating tombstones");
    }

    // ---- malformed documents

    private static IllegalArgumentException badNodeData(Consumer<ObjectNode> damage) {
        ObjectNode doc = DatasetJson.nodeData(nodeData());
        damage.accept(doc);
        return assertThrows(IllegalArgumentException.class, () -> DatasetJson.nodeData("n1", doc));
    }

    private static ObjectNode web(ObjectNode doc) {
        return (ObjectNode) doc.path("services").path("status").path("ns1/svc/web");
    }

    private static ObjectNode app(ObjectNode doc) {
        return (ObjectNode) web(doc).path("resources").path("app#0");
    }

    @Test
    void aWrongTypeNamesTheMember() {
        assertEquals("frozen: expected true or false, got a string",
                badNodeData(d -> d.put("frozen", "yes")).getMessage());
        assertEquals("services.status.'ns1/svc/web'.resources.'app#0'.status: expected a string, got a number",
                badNodeData(d -> app(d).put("status", 1)).getMessage());
        assertEquals("services.status.'ns1/svc/web'.resources.'app#0'.restart: expected an integer, got a number",
                badNodeData(d -> app(d).put("restart", 1.5)).getMessage());
        assertEquals("gen.n2: expected an integer, got a number",
                badNodeData(d -> ((ObjectNode) d.path("gen")).put("n2", new java.math.BigInteger("1" + "0".repeat(30))))
                        .getMessage());
        assertEquals("services.status.'ns1/svc/web'.avail: not a status: 'upp'",
                badNodeData(d -> web(d).put("avail", "upp")).getMessage());
        assertEquals("services.status.'ns1/svc/web'.updated_at: not an RFC 3339 time: 'yesterday'",
                badNodeData(d -> web(d).put("updated_at", "yesterday")).getMessage());
        assertEquals("services.status.'ns1/svc/web'.resources.'app#0'.log[0].level: not a level: 'loud' "
                + "(debug, info, warn, error)", badNodeData(d -> ((ObjectNode) app(d).path("log").get(0))
                .put("level", "loud")).getMessage());
        assertEquals("services.status.'ns1/svc/web'.resources.'app#0'.tags: element 1: expected a string, got null",
                badNodeData(d -> ((com.fasterxml.jackson.databind.node.ArrayNode) app(d).path("tags")).set(1,
                        com.fasterxml.jackson.databind.node.NullNode.instance)).getMessage());
        assertEquals("services.config.'vol/v1'.scope: expected an array, got a string",
                badNodeData(d -> ((ObjectNode) d.path("services").path("config").path("vol/v1")).put("scope", "n1"))
                        .getMessage());
        assertEquals("arbitrators.'arbitrator#1': expected an object, got a string",
                badNodeData(d -> ((ObjectNode) d.path("arbitrators")).put("arbitrator#1", "up")).getMessage());
        assertEquals("services.deleted.old: expected a time, got null",
                badNodeData(d -> ((ObjectNode) d.path("services").path("deleted")).putNull("old")).getMessage());
        assertEquals("services.status.'ns1/svc/web'.monitor.is_leader: expected true or false, got null",
                badNodeData(d -> ((ObjectNode) web(d).path("monitor")).putNull("is_leader")).getMessage());
        assertEquals("stats.load_15m: expected a number, got a string",
                badNodeData(d -> ((ObjectNode) d.path("stats")).put("load_15m", "high")).getMessage());
    }

    @Test
    void aMissingMemberIsNamed() {
        assertEquals("monitor: missing", badNodeData(d -> d.remove("monitor")).getMessage());
        assertEquals("services.status.'ns1/svc/web'.overall: missing",
                badNodeData(d -> web(d).remove("overall")).getMessage());
        assertEquals("services.status.'ns1/svc/web'.resources.'app#0'.subset: missing",
                badNodeData(d -> app(d).remove("subset")).getMessage());
        assertEquals("services.status.'ns1/svc/web'.monitor.state: missing",
                badNodeData(d -> ((ObjectNode) web(d).path("monitor")).remove("state")).getMessage());
        assertEquals("stats.score: missing", badNodeData(d -> ((ObjectNode) d.path("stats")).remove("score"))
                .getMessage());
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefused() throws Exception {
        assertEquals("document: expected an object, got an array", assertThrows(IllegalArgumentException.class,
                () -> DatasetJson.nodeData("n1", Json.mapper().readTree("[]"))).getMessage());
        assertEquals("document: expected an object, got nothing", assertThrows(IllegalArgumentException.class,
                () -> DatasetJson.nodeData("n1", null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DatasetJson.instanceStatus("n1", "web",
                Json.mapper().readTree("\"up\"")));
        assertEquals("monitor: expected an object, got a number", assertThrows(IllegalArgumentException.class,
                () -> DatasetJson.instanceMonitor(Json.mapper().readTree("{\"monitor\": 3}"))).getMessage());
        assertEquals("kind: missing, and 'a/b/c/d' is not an object path", assertThrows(
                IllegalArgumentException.class, () -> DatasetJson.instanceStatus("n1", "a/b/c/d",
                        DatasetJson.instance(bare("x", "n1"), null).without("kind"))).getMessage());
    }

    /** Whatever is damaged, and however, a peer's data gives an IllegalArgumentException and nothing else. */
    @Test
    void everyDamagedLeafGivesAnIllegalArgumentException() {
        ObjectNode good = DatasetJson.nodeData(nodeData());
        List<String> leaves = new ArrayList<>();
        leaves(good, "", leaves);
        assertTrue(leaves.size() > 100, "the walk reaches the leaves: " + leaves.size());
        JsonNode[] replacements = {Json.mapper().getNodeFactory().objectNode(),
            Json.mapper().getNodeFactory().arrayNode().add(1), Json.mapper().getNodeFactory().numberNode(1.5)};
        int refused = 0;
        for (String leaf : leaves) {
            for (JsonNode r : replacements) {
                ObjectNode doc = good.deepCopy();
                replace(doc, leaf, r.deepCopy());
                try {
                    DatasetJson.nodeData("n1", doc);
                } catch (IllegalArgumentException e) {
                    refused++;
                    assertFalse(e.getMessage().isBlank());
                }
            }
        }
        // every leaf is typed: none of the three replacements fits a string, boolean, integer or time
        assertEquals(leaves.size() * replacements.length - leaves.stream().filter(l -> l.endsWith("/load_15m"))
                .count(), refused, "only a number fits the load");
    }

    private static void leaves(JsonNode n, String at, List<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> leaves(e.getValue(), at + "/" + e.getKey().replace("/", "~1"), out));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                leaves(n.get(i), at + "/" + i, out);
            }
        } else {
            out.add(at);
        }
    }

    private static void replace(ObjectNode doc, String pointer, JsonNode value) {
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = doc.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) parent).set(last.replace("~1", "/"), value);
        }
    }

    // ---- the dataset

    private static DaemonStatus dataset() {
        ThreadStatus running = new ThreadStatus("running", T, List.of());
        HeartbeatStatus rx = new HeartbeatStatus("hb#1.rx", "unicast", "0.0.0.0", 10000, "5s", "15s",
                Map.of("n2", new HeartbeatStatus.Peer(true, T), "n3", new HeartbeatStatus.Peer(false, null)), "patch",
                new HeartbeatStatus.Stats(812, 402113, 1), Map.of("wrong secret", 3L, "replay", 1L));
        HeartbeatStatus tx = new HeartbeatStatus("hb#1.tx", "unicast", null, 0, "5s", "15s",
                Map.of("n2", new HeartbeatStatus.Peer(true, T)), null, HeartbeatStatus.Stats.NONE, Map.of());
        return new DaemonStatus(new ClusterIdentity("c1", "id1", List.of("n1", "n2"), true),
                Map.of("listener", running, "monitor", running, "scheduler", running, "hb#1.rx", running,
                        "hb#1.tx", new ThreadStatus("failed", T2, List.of("bind: address in use"))),
                Map.of("hb#1.rx", rx, "hb#1.tx", tx), Map.of("n1", nodeData()),
                Map.of("ns1/svc/web", new ObjectStatus(Status.UP, Status.WARN, "optimal", "unfrozen", "true", "flex",
                        "ha", 1, 2, 1, 1, List.of("n1", "n2"))), new ListenerEndpoint("0.0.0.0", 1215));
    }

    @Test
    void theDatasetHasTheSection8Shape() throws Exception {
        JsonNode doc = reparse(DatasetJson.daemonStatus(dataset()));
        assertEquals(List.of("cluster", "hb#1.rx", "hb#1.tx", "listener", "monitor", "scheduler"), names(doc));
        assertEquals(List.of("name", "id", "nodes", "quorum"), names(doc.path("cluster")));
        JsonNode rx = doc.path("hb#1.rx");
        assertEquals(List.of("state", "created", "alerts", "type", "config", "peers", "last_message", "stats",
                "dropped"), names(rx));
        assertEquals("0.0.0.0", rx.path("config").path("addr").asText());
        assertEquals(10000, rx.path("config").path("port").asInt());
        assertEquals("15s", rx.path("config").path("timeout").asText());
        assertTrue(rx.path("peers").path("n2").path("beating").asBoolean());
        assertEquals("2025-01-10T09:12:03.123Z", rx.path("peers").path("n2").path("last").asText());
        assertTrue(rx.path("peers").path("n3").path("last").isNull());
        assertEquals(402113, rx.path("stats").path("bytes").asLong());
        assertEquals(3, rx.path("dropped").path("wrong secret").asLong());
        JsonNode tx = doc.path("hb#1.tx");
        assertEquals("failed", tx.path("state").asText());
        assertEquals("bind: address in use", tx.path("alerts").get(0).asText());
        assertTrue(tx.path("config").path("addr").isNull());
        assertTrue(tx.path("last_message").isNull());
        JsonNode listener = doc.path("listener");
        assertEquals(List.of("state", "created", "alerts", "config"), names(listener));
        assertEquals("{\"addr\":\"0.0.0.0\",\"port\":1215}", listener.path("config").toString());
        JsonNode monitor = doc.path("monitor");
        assertEquals(List.of("state", "created", "alerts", "nodes", "services"), names(monitor));
        assertEquals(nodeData(), DatasetJson.nodeData("n1", monitor.path("nodes").path("n1")),
                "monitor.nodes.<node> is exactly the node data");
        assertEquals(List.of("monitor", "frozen", "frozen_at", "updated_at", "gen", "stats", "arbitrators",
                "services"), names(monitor.path("nodes").path("n1")));
        assertEquals(List.of("config", "status", "deleted"), names(monitor.path("nodes").path("n1").path("services")));
        assertEquals("a1", monitor.path("nodes").path("n1").path("arbitrators").path("arbitrator#1").path("name")
                .asText());
        assertEquals(List.of("avail", "overall", "placement", "frozen", "provisioned", "topology", "orchestrate",
                "flex_min", "flex_max", "flex_target", "up_instances", "scope"),
                names(monitor.path("services").path("ns1/svc/web")));
    }

    @Test
    void aHeartbeatWithoutItsThreadStillShows() {
        DaemonStatus d = dataset();
        DaemonStatus noThread = new DaemonStatus(d.cluster(), Map.of("monitor", d.threads().get("monitor")),
                d.heartbeats(), d.nodes(), d.objects());
        ObjectNode doc = DatasetJson.daemonStatus(noThread);
        assertEquals(List.of("cluster", "monitor", "hb#1.rx", "hb#1.tx"), names(doc));
        assertEquals("unicast", doc.path("hb#1.rx").path("type").asText());
        DaemonStatus unknown = new DaemonStatus(d.cluster(), d.threads(), d.heartbeats(), d.nodes(), d.objects());
        assertEquals(List.of("state", "created", "alerts"), names(DatasetJson.daemonStatus(unknown).path("listener")),
                "an endpoint not known is left out");
    }

    private static List<String> names(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
