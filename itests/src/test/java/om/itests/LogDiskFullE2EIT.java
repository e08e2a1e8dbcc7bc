package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** A full log filesystem never fails an action: the start succeeds and says lines were lost. */
@ResourceLock(Serial.HOST)
class LogDiskFullE2EIT {
    private Path log;

    @AfterEach
    void unmount() throws Exception {
        if (log != null) {
            Host.sh("umount", "-l", log.toString());
        }
    }

    @Test
    void startSucceedsAndReportsDroppedLines() throws Exception {
        Dist dist = new Dist(Dist.newRoot("logfull"), "lf1");
        log = Files.createDirectories(dist.root.resolve("log"));
        assertEquals(0, Host.sh("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", log.toString()).exit());
        Path marker = dist.root.resolve("lf.up");
        Dist.Result r = dist.om("lf", "create", "--kw", "nodes=lf1", "--kw", "app#0.start=/bin/touch " + marker,
                "--kw", "app#0.check=/usr/bin/test -e " + marker);
        assertEquals(0, r.exit(), r.toString());
        // fill the log filesystem to the last byte
        Host.sh("dd", "if=/dev/zero", "of=" + log.resolve("filler"), "bs=4k");
        r = dist.om("lf", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(marker), r.toString());
        assertTrue(r.out().contains("lf1.lf.app#0"), r.toString());
        assertTrue(r.err().matches("(?s).*warning: \\d+ log line\\(s\\) could not be written.*"), r.toString());
    }
}
