package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetachTest {
    @Test
    void relaunchKeepsJvmOptionsAndClasspathButDropsDaemonFlag() {
        List<String> cmd = Detach.relaunchCommand("/usr/bin/java",
                List.of("-Xmx512m", "-cp", "/opt/om/lib/*", "om.launcher.Main", "omd", "--daemon"));
        assertEquals(List.of("/usr/bin/java", "-Xmx512m", "-cp", "/opt/om/lib/*", "om.launcher.Main", "omd"), cmd);
    }

    @Test
    void relaunchOfThisJvmNamesAJavaExecutable() {
        List<String> cmd = Detach.relaunchCommand(ProcessHandle.current().info());
        assertTrue(cmd.get(0).endsWith("java"), cmd.toString());
    }

    /** Item 15 of issue 8: omd.out is the daemon's output, as private as its logs. */
    @Test
    void theDaemonOutputIsPrivate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path log = dir.resolve("log");
        Detach.privateOutput(log, log.resolve("omd.out"));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(log)));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(log.resolve("omd.out"))));
        Detach.privateOutput(log, log.resolve("omd.out")); // again: kept
    }

    @Test
    void setsidIsPrependedWhenPresent() {
        List<String> cmd = Detach.withSetsid(List.of("java", "x"));
        assertEquals(List.of("java", "x"), cmd.subList(cmd.size() - 2, cmd.size()));
        if (cmd.size() == 3) {
            assertTrue(cmd.get(0).endsWith("/setsid"), cmd.toString());
        }
    }
}
