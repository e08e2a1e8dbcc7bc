package om.daemon.internal.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TombstonesTest {
    @TempDir
    Path var;

    private void tombstone(String path, Instant at) throws Exception {
        Path f = var.resolve("deleted").resolve(path);
        Files.createDirectories(f.getParent());
        Files.writeString(f, "");
        Files.setLastModifiedTime(f, FileTime.from(at));
    }

    @Test
    void canonicalPathsWithTheirDeletionTimeOfTheLastSevenDays() throws Exception {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        tombstone("web1", now.minusSeconds(60));
        tombstone("ns1/svc/web", now.minus(Duration.ofDays(6)));
        tombstone("ns1/svc/old", now.minus(Duration.ofDays(8)));
        assertEquals(Map.of("web1", now.minusSeconds(60), "ns1/svc/web", now.minus(Duration.ofDays(6))),
                Tombstones.read(var.resolve("deleted"), now));
        assertEquals(Map.of(), Tombstones.read(var.resolve("none"), now));
    }

    @Test
    void aTombstoneBeingWrittenIsNoDeletedObject() throws Exception {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        tombstone("web1", now.minusSeconds(60));
        tombstone(".web.4242.1.tmp", now.minusSeconds(1));
        tombstone("ns1/svc/.web.4242.2.tmp", now.minusSeconds(1));
        assertEquals(Map.of("web1", now.minusSeconds(60)), Tombstones.read(var.resolve("deleted"), now));
    }
}
