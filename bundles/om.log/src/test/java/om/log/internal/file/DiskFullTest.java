package om.log.internal.file;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.api.SinkHealth;
import om.log.internal.Multiplexer;
import om.log.internal.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A full disk under log/: the file sink counts errors, the caller never sees one. Needs root (tmpfs mount). */
class DiskFullTest {
    private static Path root;
    private static boolean mounted;

    private static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    @BeforeAll
    static void mount() throws Exception {
        root = Files.createTempDirectory("om-log-full");
        Files.createDirectories(root.resolve("log"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", root.resolve("log").toString()) == 0;
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            run("umount", root.resolve("log").toString());
        }
        run("rm", "-rf", root.toString());
    }

    @Test
    void writingKeepsFailingSilentlyAndCountsErrors() {
        assumeTrue(mounted, "needs root to mount a tmpfs");
        TestNode node = new TestNode(root, "n1");
        FileSink sink = new FileSink(node, node.settings(), Clock.systemDefaultZone());
        Multiplexer m = new Multiplexer(List.of(sink));
        String payload = "z".repeat(1000);
        assertDoesNotThrow(() -> {
            for (int i = 0; i < 200; i++) {
                m.log(new LogEvent(Instant.now(), Level.INFO, "n1", "web1", "app#0", "start", payload + i));
            }
        });
        SinkHealth h = m.health().get(0);
        assertEquals("file", h.sink());
        assertTrue(h.written() > 10 && h.written() < 200, "some lines fit, then the disk is full: " + h);
        assertEquals(200, h.written() + h.errors());
        assertNotNull(h.lastError());
        assertTrue(h.lastError().contains("space"), h.lastError());
    }
}
