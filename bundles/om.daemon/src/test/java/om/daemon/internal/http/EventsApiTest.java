package om.daemon.internal.http;

import static om.daemon.internal.http.NodeApiTest.SECRET;
import static om.daemon.internal.http.NodeApiTest.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import om.api.Kind;
import om.api.ObjectPath;
import om.api.daemon.DaemonEvent;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeMonitor;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.status.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/daemon/events} in a real Jetty over TLS: the node's own event bus, streamed. */
class EventsApiTest {
    static final ObjectPath WEB = new ObjectPath("ns1", Kind.SVC, "web");
    static final ObjectPath DB = new ObjectPath("ns1", Kind.SVC, "db");
    static final Instant T = Instant.parse("2026-12-01T23:10:00.123456Z");

    @TempDir
    Path tmp;
    TestNode n1;
    SSLContext ssl;

    @BeforeEach
    void setUp() throws Exception {
        n1 = new TestNode(tmp.resolve("n1"), "n1");
        n1.keepalive = Duration.ofMillis(200);
        n1.start();
        Files.writeString(n1.root.resolve("etc/cluster.conf"), "[cluster]\nname = c1\nnodes = n1\nsecret = "
                + SECRET + "\n");
        n1.store.install(WEB, "[DEFAULT]\nnodes = n1\n");
        ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new NodeApiTest.AnyCertificate()}, null);
    }

    @AfterEach
    void tearDown() throws Exception {
        n1.close();
    }

    /** A raw client: one request on its own socket, the stream read line by line, closed when the test says. */
    final class Stream implements AutoCloseable {
        final SSLSocket socket;
        final BufferedReader in;
        final int status;
        final String contentType;

        Stream(String path) throws Exception {
            socket = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", n1.port);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                    + Base64.getEncoder().encodeToString(("n1:" + SECRET).getBytes(StandardCharsets.UTF_8))
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            status = Integer.parseInt(in.readLine().split(" ")[1]);
            String type = null;
            for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                if (h.toLowerCase().startsWith("content-type:")) {
                    type = h.substring(13).strip();
                }
            }
            contentType = type;
        }

        /** The next event's JSON, skipping comments, chunk sizes and blank lines; null at the end. */
        JsonNode next() throws Exception {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                if (l.startsWith("data: ")) {
                    return read(l.substring(6));
                }
            }
            return null;
        }

        /** Reads until a keep-alive comment comes. */
        void keepalive() throws Exception {
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                if (l.equals(": keepalive")) {
                    return;
                }
            }
            throw new AssertionError("the stream ended");
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }

    void awaitStreams(int n) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (n1.eventStreams.streams() != n && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(n, n1.eventStreams.streams());
    }

    @Test
    void eachEventIsOneMessageInTheDatasetsForm() throws Exception {
        try (Stream s = new Stream("/api/daemon/events")) {
            assertEquals(200, s.status);
            assertTrue(s.contentType.startsWith("text/event-stream"), s.contentType);
            awaitStreams(1);
            n1.events.publish(new DaemonEvent.InstanceMonitorUpdated(T, "n1", "ns1/svc/web", new InstanceMonitor(
                    "starting", "placed@n2", "none", true, T, T, List.of("n2"), "id-1", null)));
            n1.events.publish(new DaemonEvent.ObjectStatusUpdated(T, "n1", "ns1/svc/web", new ObjectStatus(
                    Status.UP, Status.WARN, "optimal", "thawed", "true", "failover", "ha", 0, 1, 1, 1,
                    List.of("n1", "n2"))));
            n1.events.publish(new DaemonEvent.OrchestrationEnd(T, "n1", "ns1/svc/web",
                    new DaemonEvent.OrchestrationEnd.Outcome("done", "placed@n2", "id-1")));
            n1.events.publish(new DaemonEvent.NodeMonitorUpdated(T, "n1", new NodeMonitor("idle", "none", T)));
            n1.events.publish(new DaemonEvent.ConfigUpdated(T, "n1", "ns1/svc/web",
                    new ObjectConfigSummary(List.of("n1"), "abc", T)));

            JsonNode mon = s.next();
            assertEquals(List.of("kind", "at", "node", "path", "data"), fields(mon));
            assertEquals("InstanceMonitorUpdated", mon.get("kind").asText());
            assertEquals("2026-12-01T23:10:00.123Z", mon.get("at").asText());
            assertEquals("n1", mon.get("node").asText());
            assertEquals("ns1/svc/web", mon.get("path").asText());
            assertEquals(read("""
                    {"state": "starting", "global_expect": "placed@n2", "local_expect": "none", "is_leader": true,
                     "state_updated_at": "2026-12-01T23:10:00.123Z",
                     "global_expect_updated_at": "2026-12-01T23:10:00.123Z",
                     "global_expect_options": {"destination": ["n2"]}, "orchestration_id": "id-1",
                     "cleared_at": null}"""), mon.get("data"));
            JsonNode obj = s.next();
            assertEquals("ObjectStatusUpdated", obj.get("kind").asText());
            assertEquals("up", obj.at("/data/avail").asText());
            assertEquals("optimal", obj.at("/data/placement").asText());
            assertEquals(1, obj.at("/data/up_instances").asInt());
            assertEquals(2, obj.at("/data/scope").size());
            JsonNode end = s.next();
            assertEquals(read("""
                    {"result": "done", "global_expect": "placed@n2", "orchestration_id": "id-1"}"""),
                    end.get("data"));
            JsonNode node = s.next();
            assertTrue(node.get("path").isNull(), node.toString());
            assertEquals("idle", node.at("/data/state").asText());
            assertEquals("2026-12-01T23:10:00.123Z", node.at("/data/state_updated_at").asText());
            JsonNode config = s.next();
            assertEquals(read("""
                    {"scope": ["n1"], "csum": "abc", "updated_at": "2026-12-01T23:10:00.123Z"}"""),
                    config.get("data"));
        }
    }

    @Test
    void aSelectorKeepsItsObjectsAndTheNodeEventsAndTakesInANewObject() throws Exception {
        try (Stream s = new Stream("/api/daemon/events?selector=ns1/svc/db")) {
            assertEquals(200, s.status);
            awaitStreams(1);
            n1.events.publish(new DaemonEvent.InstanceStatusDeleted(T, "n1", "ns1/svc/web"));
            n1.events.publish(new DaemonEvent.NodeMonitorUpdated(T, "n1", new NodeMonitor("idle", "none", T)));
            // db created after the request: its config event brings it in
            n1.store.install(DB, "[DEFAULT]\nnodes = n1\n");
            n1.events.publish(new DaemonEvent.ConfigUpdated(T, "n1", "ns1/svc/db",
                    new ObjectConfigSummary(List.of("n1"), "def", T)));
            n1.events.publish(new DaemonEvent.InstanceStatusDeleted(T, "n1", "ns1/svc/web"));
            n1.events.publish(new DaemonEvent.InstanceStatusDeleted(T, "n1", "ns1/svc/db"));
            assertEquals("NodeMonitorUpdated", s.next().get("kind").asText(), "web's event left out");
            assertEquals("ConfigUpdated", s.next().get("kind").asText());
            JsonNode deleted = s.next();
            assertEquals("ns1/svc/db", deleted.get("path").asText(), "web's second event left out too");
            assertTrue(deleted.get("data").isNull());
        }
    }

    @Test
    void aClientThatGoesAwayLosesItsSubscription() throws Exception {
        Stream a = new Stream("/api/daemon/events");
        try (Stream b = new Stream("/api/daemon/events")) {
            awaitStreams(2);
            a.keepalive();
            a.close();
            // noticed at the next keep-alive (200 ms here), which fails
            awaitStreams(1);
            n1.events.publish(new DaemonEvent.NodeDataDeleted(T, "n2"));
            assertEquals("NodeDataDeleted", b.next().get("kind").asText(), "the other stream goes on");
        }
        awaitStreams(0);
    }

    @Test
    void theDaemonStoppingEndsTheStreams() throws Exception {
        try (Stream s = new Stream("/api/daemon/events")) {
            awaitStreams(1);
            n1.eventStreams.deactivate();
            assertNull(s.next(), "the stream ends");
            awaitStreams(0);
        }
        try (Stream late = new Stream("/api/daemon/events")) {
            assertEquals(503, late.status);
        }
    }

    static List<String> fields(JsonNode n) {
        List<String> f = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(f::add);
        return f;
    }
}
