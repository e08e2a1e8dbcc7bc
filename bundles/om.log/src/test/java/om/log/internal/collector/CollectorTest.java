package om.log.internal.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import om.api.action.ActionBracket;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.internal.Multiplexer;
import om.log.internal.TestNode;
import om.log.internal.file.FileSink;
import om.log.internal.settings.LogSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorTest {
    private static final String OK = "<?xml version=\"1.0\"?><methodResponse><params><param><value><string>ok"
            + "</string></value></param></params></methodResponse>";

    @TempDir
    Path root;

    private HttpServer server;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<XmlRpcDecoder> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger refused = new AtomicInteger();
    private TestNode node;
    private LogSettings settings;
    private Spool spool;
    private FileSink file;
    private CollectorSink sink;
    private CollectorDelivery delivery;
    private Multiplexer log;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int code = status.get();
            byte[] resp = (code == 200 ? OK : "unavailable").getBytes(StandardCharsets.UTF_8);
            if (code == 200) {
                paths.add(ex.getRequestURI().getPath());
                try {
                    calls.add(XmlRpcDecoder.decode(body));
                } catch (Exception e) {
                    throw new IOException(e);
                }
            } else {
                refused.incrementAndGet();
            }
            ex.sendResponseHeaders(code, resp.length);
            ex.getResponseBody().write(resp);
            ex.close();
        });
        server.start();
        node = new TestNode(root, "n1");
        node.nodeConf("[node]\ndbopensvc = http://127.0.0.1:" + server.getAddress().getPort() + "\nuuid = u-1\n");
        settings = node.settings();
        spool = new Spool(root.resolve("var/collector/spool"), Spool.BOUND, Clock.systemUTC());
        file = new FileSink(node, settings, Clock.systemDefaultZone());
        sink = new CollectorSink(settings, spool, Clock.systemDefaultZone());
        log = new Multiplexer(List.of(file, sink));
    }

    private void startDelivery() {
        delivery = new CollectorDelivery(settings, spool, file, Clock.systemDefaultZone(), Duration.ofMillis(50),
                Duration.ofMillis(50), Duration.ofMillis(200));
    }

    @AfterEach
    void stop() {
        if (delivery != null) {
            delivery.close();
        }
        server.stop(0);
    }

    private static void waitFor(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    private void action(String path, String sid, boolean ok) {
        Instant t0 = Instant.now();
        ActionBracket b = ActionBracket.begin(t0, "n1", path, "start", List.of("--rid", "app#0,fs#1"),
                ActionBracket.Origin.USER, sid);
        log.log(b.toEvent());
        log.log(new LogEvent(t0, Level.INFO, "n1", path, "fs#1", "start", "mount", sid, null, false, null));
        log.log(new LogEvent(t0, Level.INFO, "n1", path, "app#0", "start", "exec x", sid, null, false, null));
        log.log(new LogEvent(t0, Level.WARN, "n1", path, "app#0", "start", "slow", sid, null, false, null));
        log.log(new LogEvent(t0, Level.INFO, "n1", path, null, "start", "all done", sid, null, false, null));
        Instant t1 = t0.plusSeconds(2);
        log.log((ok ? b.done(t1, "up", true) : b.failed(t1, "app#0 failed")).toEvent());
    }

    @Test
    void anActionBecomesBeginBatchEndCalls() throws Exception {
        startDelivery();
        action("web1", "s-1", true);
        waitFor(() -> calls.size() == 3, "3 calls");
        assertEquals(List.of("begin_action", "res_action_batch", "end_action"),
                calls.stream().map(XmlRpcDecoder::method).toList());
        assertTrue(paths.stream().allMatch("/feed/default/call/xmlrpc"::equals), paths.toString());

        List<Object> begin = calls.get(0).params();
        assertEquals(List.of("svcname", "action", "hostname", "sid", "begin", "cron"), begin.get(0));
        List<?> bv = (List<?>) begin.get(1);
        assertEquals(List.of("web1", "start --rid app#0,fs#1", "n1", "s-1"), bv.subList(0, 4));
        assertEquals("0", bv.get(5));
        assertEquals(List.of("u-1", "n1"), begin.get(2));

        List<?> rows = (List<?>) calls.get(1).params().get(1);
        assertEquals(3, rows.size());
        List<?> fs = (List<?>) rows.get(0);
        List<?> app = (List<?>) rows.get(1);
        List<?> obj = (List<?>) rows.get(2);
        assertEquals(List.of("fs#1", "mount", "ok"), List.of(fs.get(4), fs.get(7), fs.get(8)));
        assertEquals(List.of("app#0", "exec x\nslow", "warn"), List.of(app.get(4), app.get(7), app.get(8)));
        assertEquals(List.of("", "all done", "ok"), List.of(obj.get(4), obj.get(7), obj.get(8)));

        List<?> end = (List<?>) calls.get(2).params().get(1);
        assertEquals(List.of("svcname", "action", "hostname", "sid", "begin", "end", "time", "status"),
                calls.get(2).params().get(0));
        assertEquals(List.of("web1", "start --rid app#0,fs#1", "n1", "s-1"), end.subList(0, 4));
        assertEquals(List.of("2", "ok"), end.subList(6, 8));
        waitFor(() -> spool.size() == 0, "empty spool");
        assertEquals(3, delivery.health().written());

        // the file sink got the brackets too
        List<String> lines = Files.readAllLines(root.resolve("log/web1.log"));
        assertTrue(lines.get(0).endsWith("| do start --rid app#0,fs#1 (origin user)"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).endsWith(
                "| done start in 0:00:02.000000, instance status is now up, with warnings"));
    }

    @Test
    void outageThenRecoveryDeliversTheQueuedCallsInOrder() throws Exception {
        status.set(503);
        startDelivery();
        action("web1", "a1", true);
        action("web2", "a2", false);
        // the server counts a refusal before it answers, the delivery its error after: wait for both
        waitFor(() -> refused.get() >= 3 && delivery.health().errors() >= 3, "retries during the outage");
        assertTrue(calls.isEmpty());
        assertTrue(delivery.health().lastError().contains("HTTP 503"), delivery.health().lastError());
        // the action log went on meanwhile: only the collector is behind
        assertEquals(6, spool.size(), "begin, batch, end per action, nothing delivered yet");
        status.set(200);
        waitFor(() -> calls.size() == 6, "6 delivered calls");
        waitFor(() -> spool.size() == 0, "empty spool");
        assertEquals(List.of("begin_action", "res_action_batch", "end_action", "begin_action", "res_action_batch",
                "end_action"), calls.stream().map(XmlRpcDecoder::method).toList());
        assertEquals(List.of("a1", "a1", "a1", "a2", "a2", "a2"),
                calls.stream().map(c -> sid(c)).toList());
        assertEquals("err", ((List<?>) calls.get(5).params().get(1)).get(7));
        List<String> nodeLog = Files.readAllLines(root.resolve("log/node.log"));
        assertEquals(2, nodeLog.size(), nodeLog.toString());
        assertTrue(nodeLog.get(0).contains("WARNING n:n1 c:collector | collector: delivery failed, will retry"));
        assertTrue(nodeLog.get(1).contains("INFO n:n1 c:collector | collector: delivery resumed"));
    }

    private static Object sid(XmlRpcDecoder c) {
        Object vals = c.params().get(1);
        List<?> row = c.method().equals("res_action_batch") ? (List<?>) ((List<?>) vals).get(0) : (List<?>) vals;
        return row.get(3);
    }

    @Test
    void spooledCallsSurviveTheProcessAndAnotherDeliversThem() throws Exception {
        action("web1", "p1", true);
        assertEquals(3, spool.size());
        // a new delivery (another process start) finds them on disk
        startDelivery();
        waitFor(() -> calls.size() == 3, "3 calls");
        waitFor(() -> spool.size() == 0, "empty spool");
    }

    @Test
    void beyondTheBoundTheOldestAreDroppedAndCounted() throws Exception {
        Spool small = new Spool(root.resolve("var/collector/small"), 5, Clock.systemUTC());
        CollectorSink bounded = new CollectorSink(settings, small, Clock.systemDefaultZone());
        for (int i = 0; i < 4; i++) {
            ActionBracket b = ActionBracket.begin(Instant.now(), "n1", "web1", "start", List.of(),
                    ActionBracket.Origin.DAEMON, "d" + i);
            bounded.accept(b.toEvent());
            bounded.accept(b.done(Instant.now(), "up", false).toEvent());
        }
        assertEquals(5, small.size());
        assertEquals(3, bounded.health().dropped());
        assertEquals(8, bounded.health().written());
        String oldestKept = Files.readString(small.pending().get(0));
        assertTrue(oldestKept.contains("end_action") && oldestKept.contains("d1"), oldestKept);
    }

    @Test
    void offWithoutDbopensvc() throws Exception {
        node.nodeConf("[node]\nenv = TST\n");
        action("web1", "x", true);
        assertEquals(0, spool.size());
        assertTrue(!sink.health().enabled());
    }
}
