package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void writeReadAndDeleteOnlyOwnPid() throws IOException {
        PidFile f = new PidFile(dir.resolve("var/omd.pid"));
        assertEquals(OptionalLong.empty(), f.read());
        f.write(1234);
        assertEquals(OptionalLong.of(1234), f.read());
        f.deleteIfOwnedBy(99);
        assertTrue(Files.exists(f.file()));
        f.deleteIfOwnedBy(1234);
        assertFalse(Files.exists(f.file()));
    }

    @Test
    void aLiveProcessWithoutSocketIsNotARunningDaemon() throws IOException {
        PidFile f = new PidFile(dir.resolve("omd.pid"));
        f.write(ProcessHandle.current().pid());
        assertEquals(OptionalLong.empty(), f.runningDaemon(dir.resolve("cli.sock")));
    }
}
