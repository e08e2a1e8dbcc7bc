package om.driver.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    private static final List<String> CMD = List.of("/usr/local/bin/webctl", "start", "a b");

    @Test
    void plainCommandIsUntouched() {
        assertEquals(CMD, CommandLine.of(CMD).argv());
    }

    @Test
    void userAndGroupGoThroughSetpriv() {
        CommandLine c = new CommandLine(CMD, "www", "web", null, null, false);
        assertEquals(List.of("/usr/bin/setpriv", "--reuid=www", "--regid=web", "--init-groups", "--",
                "/usr/local/bin/webctl", "start", "a b"), c.argv());
    }

    @Test
    void groupAloneKeepsSupplementaryGroups() {
        CommandLine c = new CommandLine(CMD, null, "web", null, null, false);
        assertEquals(List.of("/usr/bin/setpriv", "--regid=web", "--keep-groups", "--",
                "/usr/local/bin/webctl", "start", "a b"), c.argv());
    }

    @Test
    void umaskWrapsWithoutShellParsingTheCommand() {
        CommandLine c = new CommandLine(CMD, null, null, "027", null, false);
        assertEquals(List.of("/bin/sh", "-c", "umask 027 && exec \"$0\" \"$@\"",
                "/usr/local/bin/webctl", "start", "a b"), c.argv());
    }

    @Test
    void limitsComeFirstThenIdentityThenUmask() throws Exception {
        ResourceLimits limits = ResourceLimits.parse(k -> Optional.ofNullable(
                Map.of("limit_nofile", "1024", "limit_core", "0", "limit_stack", "8m").get(k)));
        CommandLine c = new CommandLine(CMD, "www", "33", "022", limits, true);
        assertEquals(List.of("/usr/bin/setsid",
                "/usr/bin/prlimit", "--core=0", "--nofile=1024", "--stack=8388608", "--",
                "/usr/bin/setpriv", "--reuid=www", "--regid=33", "--init-groups", "--",
                "/bin/sh", "-c", "umask 022 && exec \"$0\" \"$@\"",
                "/usr/local/bin/webctl", "start", "a b"), c.argv());
    }

    @Test
    void umaskMustBeOctal() {
        assertThrows(IllegalArgumentException.class, () -> new CommandLine(CMD, null, null, "0; rm", null, false));
        assertThrows(IllegalArgumentException.class, () -> new CommandLine(CMD, null, null, "089", null, false));
    }

    @Test
    void umaskAppliesForReal(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("made by app");
        List<String> argv = new CommandLine(List.of("/usr/bin/touch", file.toString()), null, null, "077",
                null, false).argv();
        Process p = new ProcessBuilder(argv).inheritIO().start();
        p.waitFor(10, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void limitsUserAndUmaskApplyForReal(@TempDir Path dir) throws Exception {
        ResourceLimits limits = ResourceLimits.parse(k -> k.equals("limit_nofile") ? Optional.of("123")
                : Optional.empty());
        List<String> argv = new CommandLine(List.of("/bin/sh", "-c", "echo $(id -un) $(ulimit -n) $(umask)"),
                "nobody", "nogroup", "026", limits, false).argv();
        Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        assertEquals("nobody 123 0026", out);
    }
}
