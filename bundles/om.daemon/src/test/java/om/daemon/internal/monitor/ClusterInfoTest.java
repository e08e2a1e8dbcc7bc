package om.daemon.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterInfoTest {
    @TempDir
    Path dir;

    @Test
    void missingFileGivesDefaults() {
        assertEquals(new ClusterInfo("default", "", List.of("n1"), false),
                ClusterInfo.read(dir.resolve("cluster.conf"), "n1"));
    }

    @Test
    void readsUnscopedClusterKeysOnly() throws IOException {
        Path file = dir.resolve("cluster.conf");
        Files.writeString(file, String.join("\n",
                "# comment",
                "[hb#1]",
                "name = not-this",
                "[cluster]",
                "name = c1",
                "id = 7f1c",
                "nodes = n1 n2,n3",
                "nodes@n1 = n9",
                "quorum = true",
                "secret = abc",
                ""));
        assertEquals(new ClusterInfo("c1", "7f1c", List.of("n1", "n2", "n3"), true), ClusterInfo.read(file, "n1"));
    }
}
