package om.daemon.internal.http;

import static om.daemon.internal.http.NodeApiTest.SECRET;
import static om.daemon.internal.http.NodeApiTest.assertError;
import static om.daemon.internal.http.NodeApiTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import om.api.Kind;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.orchestration.Accepted;
import om.api.orchestration.Orchestration;
import om.api.orchestration.PlacementRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestration requests of the node API in a real Jetty over TLS (two nodes), the orchestrator faked: it is
 * the boundary of the daemon (its own bundle), and these tests are about what the API makes of its answers.
 */
class ObjectActionApiTest {
    static final ObjectPath WEB = new ObjectPath("ns1", Kind.SVC, "web");
    static final ObjectPath ROOT_DB = new ObjectPath("root", Kind.SVC, "db");
    static final String PENDING = "orchestration in progress (global expect started): use abort first";

    /** Records the requests; refuses a new target while one is set, as the orchestrator does. */
    static final class Targets implements Orchestration {
        final String name;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile String pending;

        Targets(String name) {
            this.name = name;
        }

        @Override
        public synchronized Accepted request(ObjectPath path, String verb, List<String> destination) {
            calls.add(path.canonical() + " " + verb + " " + destination);
            if (path.name().equals("late")) {
                throw new OmException(path.canonical() + ": object not found");
            }
            if (pending != null && !verb.equals("abort")) {
                throw new OmException("orchestration in progress (global expect " + pending + "): use abort first");
            }
            String target = switch (verb) {
                case "start" -> "started";
                case "stop" -> "stopped";
                case "switch" -> "placed@" + String.join(",", destination);
                case "abort" -> "none";
                default -> verb;
            };
            pending = verb.equals("abort") ? null : target;
            return new Accepted(name + "-" + calls.size(), target, Instant.parse("2026-12-01T23:00:00Z"), false);
        }

        @Override
        public void clear(ObjectPath path) {
            calls.add(path.canonical() + " clear");
        }

        @Override
        public List<PlacementRow> placement(ObjectPath path) {
            return List.of();
        }
    }

    @TempDir
    Path tmp;
    TestNode n1;
    TestNode n2;
    HttpClient client;
    final Targets orchestrator = new Targets("o1");

    @BeforeEach
    void setUp() throws Exception {
        n1 = new TestNode(tmp.resolve("n1"), "n1").start();
        n2 = new TestNode(tmp.resolve("n2"), "n2").start();
        String conf = "[cluster]\nname = c1\nnodes = n1 n2\nsecret = " + SECRET + "\n\n[listener]\naddr = 127.0.0.1\n"
                + "port@n1 = " + n1.port + "\nport@n2 = " + n2.port + "\n";
        for (TestNode n : List.of(n1, n2)) {
            Files.writeString(n.root.resolve("etc/cluster.conf"), conf);
        }
        n1.store.install(WEB, "[DEFAULT]\nnodes = n1 n2\n");
        n1.store.install(ROOT_DB, "[DEFAULT]\nnodes = n1 n2\n");
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new NodeApiTest.AnyCertificate()}, null);
        client = HttpClient.newBuilder().sslContext(ssl).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        n1.close();
        n2.close();
    }

    HttpResponse<String> send(TestNode n, String method, String path, String body, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + n.port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + SECRET)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(TestNode n, String path, String body) throws Exception {
        return send(n, "POST", path, body, "n2");
    }

    @Test
    void anAcceptedRequestAnswersItsOrchestrationId() throws Exception {
        n1.actions.bindOrchestration(orchestrator);
        HttpResponse<String> r = post(n1, "/api/object/path/ns1/svc/web/action/start", null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = read(r.body());
        assertEquals("o1-1", j.get("orchestration_id").asText());
        assertEquals("started", j.get("global_expect").asText());
        assertEquals("2026-12-01T23:00:00.000Z", j.get("at").asText());
        assertEquals(false, j.get("nothing").asBoolean());
        assertEquals(List.of("ns1/svc/web start []"), orchestrator.calls);
    }

    @Test
    void rootIsTheRootNamespaceAndUnfreezeIsThaw() throws Exception {
        n1.actions.bindOrchestration(orchestrator);
        assertEquals(200, post(n1, "/api/object/path/root/svc/db/action/unfreeze", "").statusCode());
        assertEquals(List.of("db thaw []"), orchestrator.calls);
    }

    @Test
    void switchTakesItsDestinationFromTheBody() throws Exception {
        n1.actions.bindOrchestration(orchestrator);
        HttpResponse<String> r = post(n1, "/api/object/path/ns1/svc/web/action/switch", "{\"destination\": [\"n2\"]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("placed@n2", read(r.body()).get("global_expect").asText());
        assertEquals(List.of("ns1/svc/web switch [n2]"), orchestrator.calls);
        String path = "/api/object/path/ns1/svc/web/action/switch";
        String needs = "switch needs a destination: {\"destination\": [\"<node>\"]}";
        assertError(400, needs, post(n1, path, null));
        assertError(400, needs, post(n1, path, "{\"destination\": []}"));
        assertError(400, "destination: expected node names, got [1]", post(n1, path, "{\"destination\": [1]}"));
        assertError(400, "start takes no destination", post(n1, "/api/object/path/ns1/svc/web/action/start",
                "{\"destination\": [\"n2\"]}"));
        assertError(400, "the body must be a JSON object", post(n1, path, "[\"n2\"]"));
        assertTrue(read(post(n1, path, "{nope").body()).get("detail").asText().startsWith("the body is not JSON: "));
        assertEquals(1, orchestrator.calls.size(), "no bad request reached the orchestrator");
    }

    @Test
    void aRefusalIsA409WithTheOrchestratorsLine() throws Exception {
        n1.actions.bindOrchestration(orchestrator);
        assertEquals(200, post(n1, "/api/object/path/ns1/svc/web/action/start", null).statusCode());
        HttpResponse<String> r = post(n1, "/api/object/path/ns1/svc/web/action/stop", null);
        assertError(409, PENDING, r);
        assertEquals("{\"status\":409,\"title\":\"Conflict\",\"detail\":\"" + PENDING + "\"}", r.body());
        assertEquals(200, post(n1, "/api/object/path/ns1/svc/web/action/abort", null).statusCode());
        assertEquals(200, post(n1, "/api/object/path/ns1/svc/web/action/stop", null).statusCode(), "after abort");
    }

    @Test
    void anObjectTheOrchestratorDoesNotKnowYetIsA404() throws Exception {
        n1.actions.bindOrchestration(orchestrator);
        n1.store.install(new ObjectPath("ns1", Kind.SVC, "late"), "[DEFAULT]\nnodes = n1 n2\n");
        assertError(404, "ns1/svc/late: object not found", post(n1, "/api/object/path/ns1/svc/late/action/start",
                null));
        assertEquals(List.of("ns1/svc/late start []"), orchestrator.calls, "installed: asked");
    }

    @Test
    void clearAnswersAnEmptyObject() throws Exception {
        n1.actions.bindOrchestration(orchestrator);
        HttpResponse<String> r = post(n1, "/api/object/path/ns1/svc/web/clear", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{}", r.body());
        assertEquals(List.of("ns1/svc/web clear"), orchestrator.calls);
    }

    @Test
    void anUnknownVerbKindOrObjectIsOneLine() throws Exception {
        n1.actions.bindOrchestration(orchestrator);
        assertError(400, "unknown action 'reboot' (start, stop, freeze, unfreeze, giveback, switch, abort)",
                post(n1, "/api/object/path/ns1/svc/web/action/reboot", null));
        assertError(400, "unknown kind 'bad'", post(n1, "/api/object/path/ns1/bad/web/action/start", null));
        assertError(404, "ns1/svc/nosuch: object not found",
                post(n1, "/api/object/path/ns1/svc/nosuch/action/start", null));
        assertError(404, "cluster: object not found", post(n1, "/api/object/path/root/ccfg/cluster/clear", null));
        assertError(405, "GET is not allowed on /api/object/path/ns1/svc/web/action/start",
                send(n1, "GET", "/api/object/path/ns1/svc/web/action/start", null, "n1"));
        assertError(401, "authentication required: a cluster node name and the cluster secret",
                send(n1, "POST", "/api/object/path/ns1/svc/web/action/start", null, null));
        assertTrue(orchestrator.calls.isEmpty(), orchestrator.calls.toString());
    }

    @Test
    void theConfigFileUnderTheSameTreeIsStillServed() throws Exception {
        HttpResponse<String> r = send(n1, "GET", "/api/object/path/ns1/svc/web/config/file", null, "n1");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Files.readString(n1.store.configFile(WEB)), r.body());
        assertError(405, "POST is not allowed on /api/object/path/ns1/svc/web/config/file",
                post(n1, "/api/object/path/ns1/svc/web/config/file", null));
    }

    @Test
    void withoutTheOrchestratorItIs503UntilItComesAndAfterItGoes() throws Exception {
        String detail = "the orchestrator is not running (bundle om.orchestrator not deployed)";
        assertError(503, detail, post(n1, "/api/object/path/ns1/svc/web/action/start", null));
        n1.actions.bindOrchestration(orchestrator);
        assertEquals("o1-1", read(post(n1, "/api/object/path/ns1/svc/web/action/start", null).body())
                .get("orchestration_id").asText());
        // the bundle updated: the new service is bound (greedy) before the old one is unbound
        Targets next = new Targets("o2");
        n1.actions.bindOrchestration(next);
        n1.actions.unbindOrchestration(orchestrator);
        assertEquals("o2-1", read(post(n1, "/api/object/path/ns1/svc/web/action/start", null).body())
                .get("orchestration_id").asText());
        n1.actions.unbindOrchestration(next);
        assertError(503, detail, post(n1, "/api/object/path/ns1/svc/web/clear", null));
    }

    @Test
    void aRequestRelayedByAPeerReachesThisNodesOrchestrator() throws Exception {
        n1.actions.bindOrchestration(orchestrator);
        HttpResponse<String> r = post(n2, "/api/node/name/n1/object/path/ns1/svc/web/action/switch",
                "{\"destination\": [\"n2\"]}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("o1-1", read(r.body()).get("orchestration_id").asText());
        assertEquals(List.of("ns1/svc/web switch [n2]"), orchestrator.calls);
        HttpResponse<String> own = post(n1, "/api/node/name/n1/object/path/ns1/svc/web/clear", null);
        assertEquals(200, own.statusCode(), "forwarded within n1: " + own.body());
    }
}
