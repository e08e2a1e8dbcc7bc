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

    @Test
    void setsidIsPrependedWhenPresent() {
        List<String> cmd = Detach.withSetsid(List.of("java", "x"));
        assertEquals(List.of("java", "x"), cmd.subList(cmd.size() - 2, cmd.size()));
        if (cmd.size() == 3) {
            assertTrue(cmd.get(0).endsWith("/setsid"), cmd.toString());
        }
    }
}
