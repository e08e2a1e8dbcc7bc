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

    /** Issue 9, bad input: `om daemon start` shows the daemon's own reason, not only "exited with code 1". */
    @Test
    void theDaemonsLastErrorSinceTheStartIsShown(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path out = dir.resolve("omd.out");
        java.nio.file.Files.writeString(out, "error: an old refusal\n");
        long from = java.nio.file.Files.size(out);
        assertEquals(java.util.Optional.empty(), Detach.lastError(out, from));
        java.nio.file.Files.writeString(out, "warning: w\nerror: /r/etc/cluster.conf:3: unknown section [x]\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(java.util.Optional.of("error: /r/etc/cluster.conf:3: unknown section [x]"),
                Detach.lastError(out, from));
        assertEquals(java.util.Optional.empty(), Detach.lastError(dir.resolve("missing"), 0));
    }

    @Test
    void aRefusalIsOneLine() {
        assertEquals("error: f:1: a", NodeConfigCheck.refusal(List.of("f:1: a")));
        assertEquals("error: f:1: a (and 2 more)", NodeConfigCheck.refusal(List.of("f:1: a", "f:2: b", "g:1: c")));
    }
}
