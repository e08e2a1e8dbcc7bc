package om.orchestrator.internal.quorum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import om.api.status.Level;
import om.core.internal.node.InstallationImpl;
import om.core.internal.node.NodeSettingsImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stonith runner: the {@code command} of {@code [stonith#<node>]}, run, bounded, logged, never thrown. */
class StonithTest {
    @TempDir
    Path root;
    private final List<String> lines = new ArrayList<>();

    private Stonith stonith(String conf, Duration timeout) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/cluster.conf"), "[cluster]\nnodes = n1 n2\n" + conf);
        NodeSettingsImpl settings = new NodeSettingsImpl(new InstallationImpl(root, "n1"), QuorumWatchTest.NO_DRIVERS);
        return new Stonith(settings, (Level level, String m) -> lines.add(level + " " + m), timeout);
    }

    @Test
    void theCommandOfTheDeadNodesSectionRunsThroughTheShell() throws Exception {
        Path mark = root.resolve("fenced");
        Stonith s = stonith("[stonith#n2]\ncommand = echo \"$OM_STONITH_NODE off\" >> " + mark + " && echo powered off\n"
                + "[stonith#n3]\ncommand = echo wrong >> " + mark + "\n", Duration.ofSeconds(10));
        assertTrue(s.fence("n2"));
        assertEquals("n2 off\n", Files.readString(mark));
        assertTrue(lines.contains("INFO stonith n2: | powered off"), lines.toString());
        assertTrue(lines.contains("INFO stonith n2: done"), lines.toString());
        // each call runs it again: once per death is the orchestrator's memory
        assertTrue(s.fence("n2"));
        assertEquals("n2 off\nn2 off\n", Files.readString(mark));
    }

    @Test
    void aFailingCommandIsLoggedAndReturned() throws Exception {
        Stonith s = stonith("[stonith#n2]\ncommand = echo no ipmi >&2; exit 3\n", Duration.ofSeconds(10));
        assertFalse(s.fence("n2"));
        assertTrue(lines.contains("WARN stonith n2: | no ipmi"), lines.toString());
        assertTrue(lines.contains("ERROR stonith n2: failed: exit 3"), lines.toString());
    }

    @Test
    void aHungCommandIsKilledAtTheTimeout() throws Exception {
        Path mark = root.resolve("late");
        Stonith s = stonith("[stonith#n2]\ncommand = sleep 30; touch " + mark + "\n", Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertFalse(s.fence("n2"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "took " + ms + " ms");
        assertTrue(lines.contains("ERROR stonith n2: failed: timeout after 300ms"), lines.toString());
        Thread.sleep(200);
        assertFalse(Files.exists(mark));
    }

    @Test
    void noSectionForTheNodeIsAFailureNotAnException() throws Exception {
        Stonith s = stonith("", Duration.ofSeconds(10));
        assertFalse(s.fence("n2"));
        assertEquals(List.of("ERROR stonith n2: no command in [stonith#n2]"), lines);
    }
}
