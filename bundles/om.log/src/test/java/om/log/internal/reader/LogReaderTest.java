package om.log.internal.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.ObjectPath;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.api.LogLine;
import om.log.api.LogReader;
import om.log.internal.TestNode;
import om.log.internal.file.FileSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {
    private static final ZoneId ZONE = ZoneId.of("America/New_York");

    @TempDir
    Path root;

    private static LogEvent event(Instant at, String path, String msg) {
        return new LogEvent(at, Level.INFO, "n1", path, "app#0", "start", msg, "s1", null, false, null);
    }

    @Test
    void readsRotatedFilesOldestFirstFromSince() throws Exception {
        TestNode node = new TestNode(root, "n1");
        node.nodeConf("[log]\nmax_size = 1k\nkeep = 9\n");
        FileSink sink = new FileSink(node, node.settings(), Clock.system(ZONE));
        Instant t0 = Instant.parse("2025-01-10T10:00:00Z");
        for (int i = 0; i < 60; i++) {
            sink.accept(event(t0.plusSeconds(i), "ns1/svc/web", "line " + i));
        }
        sink.accept(event(t0, null, "node line"));
        assertTrue(Files.exists(root.resolve("log/namespaces/ns1/svc/web.log.2")));
        LogReaderImpl reader = new LogReaderImpl(node, ZONE, Duration.ofMillis(20));
        List<LogLine> all = reader.read(ObjectPath.parse("ns1/svc/web"), null);
        assertEquals(60, all.size());
        assertEquals("line 0", all.get(0).message());
        assertEquals(t0, all.get(0).at());
        assertEquals("app#0", all.get(0).rid());
        List<LogLine> recent = reader.read(ObjectPath.parse("ns1/svc/web"), t0.plusSeconds(50));
        assertEquals(10, recent.size());
        assertEquals("line 50", recent.get(0).message());
        assertEquals(List.of("node line"), reader.read(null, null).stream().map(LogLine::message).toList());
        assertEquals(List.of(), reader.read(ObjectPath.parse("other"), null));
    }

    @Test
    void followDeliversOldThenNewLinesAcrossRotation() throws Exception {
        TestNode node = new TestNode(root, "n1");
        node.nodeConf("[log]\nmax_size = 2k\n");
        FileSink sink = new FileSink(node, node.settings(), Clock.system(ZONE));
        Instant t0 = Instant.now();
        sink.accept(event(t0, "web", "before"));
        List<String> got = new CopyOnWriteArrayList<>();
        LogReader reader = new LogReaderImpl(node, ZONE, Duration.ofMillis(20));
        try (LogReader.Follow f = reader.follow(ObjectPath.parse("web"), null, l -> got.add(l.message()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (got.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            for (int i = 0; i < 40; i++) {
                sink.accept(event(t0, "web", "after " + i));
                Thread.sleep(5);
            }
            while (got.size() < 41 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }
        assertTrue(Files.exists(root.resolve("log/web.log.1")), "the file must have rotated during the follow");
        assertEquals("before", got.get(0));
        assertEquals(41, got.size(), got.toString());
        assertEquals("after 39", got.get(40));
    }
}
