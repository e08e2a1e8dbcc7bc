package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import om.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The orchestration endpoints of the node API and {@code om <path> print placement} on a real daemon, as curl
 * sees them (basic authentication node:secret): with the orchestrator bundle in {@code deploy/} a start answers
 * an orchestration id, without it a 503; the event stream carries the object's events as server-sent events.
 */
@ResourceLock(Serial.HOST)
class OrchestrationApiE2EIT {
    static final String SECRET = "6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c";
    Dist n1;
    int port;

    static boolean orchestratorShipped() throws IOException {
        try (Stream<Path> s = Files.list(Dist.defaultHome().resolve("deploy"))) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("om.orchestrator"));
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        n1 = new Dist(Dist.newRoot("orchapi-n1"), "n1");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(n1.root.resolve("etc"));
        Files.writeString(n1.root.resolve("etc/cluster.conf"), "[cluster]\nname = orch\nnodes = n1\nsecret = "
                + SECRET + "\n\n[listener]\naddr = 127.0.0.1\nport = " + port + "\n");
        n1.startDaemon();
        long end = System.currentTimeMillis() + 30000;
        while (code(curl(null, "/api/daemon/status")) != 401) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("no TLS listener on " + port);
            }
            Thread.sleep(200);
        }
        Path marker = n1.root.resolve("web.up");
        Path conf = n1.root.resolve("web.conf");
        Files.writeString(conf, "[DEFAULT]\nnodes = n1\n\n[app#0]\nstart = /usr/bin/touch " + marker
                + "\nstop = /bin/rm -f " + marker + "\ncheck = /usr/bin/test -e " + marker + "\n");
        Dist.Result create = n1.om("ns1/svc/web", "create", "--config", conf.toString());
        assertEquals(0, create.exit(), create.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        n1.stopDaemon();
    }

    /** curl -sk -u n1:secret [more] URL: the body, then the status code on the last line. */
    Dist.Result curl(String user, String path, String... more) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sk", "-o", "-", "-w", "\n%{http_code}"));
        if (user != null) {
            cmd.addAll(List.of("-u", user));
        }
        cmd.addAll(List.of(more));
        cmd.add("https://127.0.0.1:" + port + path);
        return n1.run(cmd, 60);
    }

    Dist.Result post(String path, String body) throws Exception {
        return body == null ? curl("n1:" + SECRET, path, "-X", "POST")
                : curl("n1:" + SECRET, path, "-X", "POST", "-H", "Content-Type: application/json", "-d", body);
    }

    static int code(Dist.Result r) {
        String out = r.out();
        return r.exit() != 0 ? -1 : Integer.parseInt(out.substring(out.lastIndexOf('\n') + 1).strip());
    }

    static JsonNode body(Dist.Result r) throws Exception {
        String out = r.out();
        return Json.mapper().readTree(out.substring(0, out.lastIndexOf('\n')));
    }

    /** POST start; the orchestrator knows the object once the daemon's snapshot shows it, soon after its creation. */
    Dist.Result start() throws Exception {
        Dist.Result r = post("/api/object/path/ns1/svc/web/action/start", null);
        long end = System.currentTimeMillis() + 15000;
        while (orchestratorShipped() && code(r) == 404 && System.currentTimeMillis() < end) {
            Thread.sleep(200);
            r = post("/api/object/path/ns1/svc/web/action/start", null);
        }
        return r;
    }

    @Test
    void aStartAnswersTheOrchestrationIdOrA503WithoutTheOrchestrator() throws Exception {
        Dist.Result r = start();
        Dist.Result placement = n1.om("ns1/svc/web", "print", "placement", "--format", "json");
        if (orchestratorShipped()) {
            assertEquals(200, code(r), r.toString());
            assertTrue(body(r).get("orchestration_id").asText().matches("[0-9a-f]{8}-[0-9a-f-]{27}"), r.out());
            assertEquals(0, placement.exit(), placement.toString());
            JsonNode rows = Json.mapper().readTree(placement.out());
            assertEquals("n1", rows.get(0).get("node").asText(), placement.out());
        } else {
            assertEquals(503, code(r), r.toString());
            assertEquals("the orchestrator is not running (bundle om.orchestrator not deployed)",
                    body(r).get("detail").asText());
            assertEquals(1, placement.exit(), placement.toString());
            assertEquals("error: the orchestrator is not running (bundle om.orchestrator not deployed)\n",
                    placement.err());
        }
        Dist.Result unknown = post("/api/object/path/ns1/svc/web/action/reboot", null);
        assertEquals(400, code(unknown), unknown.toString());
        Dist.Result missing = post("/api/object/path/ns1/svc/nosuch/clear", null);
        assertEquals(orchestratorShipped() ? 404 : 503, code(missing), missing.toString());
        Dist.Result refused = curl(null, "/api/object/path/ns1/svc/web/action/start", "-X", "POST");
        assertEquals(401, code(refused), "authenticated first: " + refused);
        Dist.Result file = curl("n1:" + SECRET, "/api/object/path/ns1/svc/web/config/file");
        assertEquals(200, code(file), "the config file servlet under the same tree: " + file);
        Dist.Result relayed = post("/api/node/name/n1/object/path/ns1/svc/web/clear", null);
        assertEquals(orchestratorShipped() ? 200 : 503, code(relayed), "forwarded to itself: " + relayed);
    }

    @Test
    void theEventStreamCarriesTheObjectsEvents() throws Exception {
        CompletableFuture<Dist.Result> stream = CompletableFuture.supplyAsync(() -> {
            try {
                return curl("n1:" + SECRET, "/api/daemon/events?selector=ns1/svc/web", "-N", "--max-time", "12");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(2000);
        Dist.Result set = n1.om("ns1/svc/web", "set", "--kw", "env=PRD");
        assertEquals(0, set.exit(), set.toString());
        String id = orchestratorShipped() ? body(start()).get("orchestration_id").asText() : null;
        Dist.Result r = stream.get();
        // curl ends on its --max-time (exit 28): the stream stays open until the client goes
        assertEquals(28, r.exit(), r.toString());
        List<JsonNode> events = new ArrayList<>();
        for (String l : r.out().lines().toList()) {
            if (l.startsWith("data: ")) {
                events.add(Json.mapper().readTree(l.substring(6)));
            }
        }
        assertTrue(events.stream().anyMatch(e -> e.get("path").asText().equals("ns1/svc/web")
                && e.get("kind").asText().equals("ConfigUpdated")), r.out());
        if (id != null) {
            assertTrue(events.stream().anyMatch(e -> e.get("kind").asText().equals("OrchestrationEnd")
                    && e.at("/data/result").asText().equals("done")
                    && e.at("/data/orchestration_id").asText().equals(id)), "the end of " + id + ": " + r.out());
            assertTrue(events.stream().anyMatch(e -> e.get("kind").asText().equals("InstanceMonitorUpdated")
                    && e.at("/data/orchestration_id").asText().equals(id)
                    && e.at("/data/global_expect").asText().equals("started")), r.out());
        }
        assertTrue(events.stream().allMatch(e -> e.get("path").isNull()
                || e.get("path").asText().equals("ns1/svc/web")), "the selection only: " + r.out());
    }
}
