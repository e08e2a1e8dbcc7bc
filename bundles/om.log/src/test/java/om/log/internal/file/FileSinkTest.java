package om.log.internal.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.internal.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {
    @TempDir
    Path root;

    private List<String> lines(Path p) throws Exception {
        return Files.readAllLines(p);
    }

    @Test
    void eachObjectWritesToItsFileByKindAndNamespace() throws Exception {
        TestNode node = new TestNode(root, "n1");
        FileSink sink = new FileSink(node, node.settings(), Clock.system(ZoneId.of("UTC")));
        for (String path : List.of("web1", "vol/data", "cfg/c1", "ns1/svc/web2", "ns1/sec/s1")) {
            sink.accept(new LogEvent(Instant.now(), Level.INFO, "n1", path, null, "start", "hello " + path));
        }
        sink.accept(new LogEvent(Instant.now(), Level.INFO, "n1", null, null, null, "node line", null, null, false,
                "daemon"));
        assertTrue(lines(root.resolve("log/web1.log")).get(0).endsWith("o:web1 sc:n | hello web1"));
        assertTrue(lines(root.resolve("log/vol/data.log")).get(0).endsWith("| hello vol/data"));
        assertTrue(lines(root.resolve("log/cfg/c1.log")).get(0).endsWith("| hello cfg/c1"));
        assertTrue(lines(root.resolve("log/namespaces/ns1/svc/web2.log")).get(0).endsWith("| hello ns1/svc/web2"));
        assertTrue(lines(root.resolve("log/namespaces/ns1/sec/s1.log")).get(0).endsWith("| hello ns1/sec/s1"));
        assertTrue(lines(root.resolve("log/node.log")).get(0).endsWith("n:n1 c:daemon | node line"));
        assertEquals(6, sink.health().written());
        assertEquals(0, sink.health().errors());
    }

    @Test
    void rotationLimitsComeFromNodeConf() throws Exception {
        TestNode node = new TestNode(root, "n1");
        node.nodeConf("[log]\nmax_size = 1k\nkeep = 2\n");
        FileSink sink = new FileSink(node, node.settings(), Clock.systemDefaultZone());
        for (int i = 0; i < 100; i++) {
            sink.accept(new LogEvent(Instant.now(), Level.INFO, "n1", "web1", null, "start", "line " + i));
        }
        Path f = root.resolve("log/web1.log");
        assertTrue(Files.size(f) <= 1024);
        assertTrue(Files.exists(LogFiles.rotated(f, 2)));
        assertTrue(!Files.exists(LogFiles.rotated(f, 3)));
    }
}
