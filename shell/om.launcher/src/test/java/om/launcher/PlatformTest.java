package om.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Item 16 of issue 8: the embedded client's storage lives under var/ and what a killed client left is removed. */
class PlatformTest {
    @TempDir
    Path dir;

    private Layout layout() {
        return Layout.of(dir.resolve("dist"), Map.of("OM_ROOT", dir.toString()));
    }

    @Test
    void embeddedStorageIsAPrivatePidFolderUnderVar() throws Exception {
        Path storage = Platform.embeddedStorage(layout());
        assertEquals(dir.resolve("var/embedded/" + ProcessHandle.current().pid()), storage);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storage)));
        assertEquals(storage, Platform.embeddedStorage(layout()), "the same process reuses its folder");
    }

    @Test
    void theFolderOfAKilledClientGoesAtTheNextStart() throws Exception {
        Process victim = new ProcessBuilder("sleep", "60").start();
        Path left = dir.resolve("var/embedded/" + victim.pid());
        Files.createDirectories(left.resolve("bundle1"));
        Files.writeString(left.resolve("bundle1/bundle.jar"), "x");
        Path alive = dir.resolve("var/embedded/1"); // init: always alive
        Files.createDirectories(alive);
        Path foreign = dir.resolve("var/embedded/notes");
        Files.createDirectories(foreign);

        Platform.embeddedStorage(layout());
        assertTrue(Files.isDirectory(left), "a live owner keeps its folder");

        victim.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Platform.embeddedStorage(layout());
        assertFalse(Files.exists(left), "the folder of a dead pid is removed");
        assertTrue(Files.isDirectory(alive));
        assertTrue(Files.isDirectory(foreign), "only pid folders are ours");
    }

    /**
     * Issue 12 item 3 regression: Felix's clean on first init made var/felix-cache again 0755, and Config Admin's
     * file of the listener (org/apache/felix/http.config, with the keystore password) was readable by every user.
     */
    @Test
    void theFrameworkStorageIsPrivateAfterFelixCleanedIt() throws Exception {
        Path storage = dir.resolve("var/felix-cache");
        Files.createDirectories(storage.resolve("bundle1"));
        Files.setPosixFilePermissions(storage, PosixFilePermissions.fromString("rwxr-xr-x"));
        org.osgi.framework.launch.Framework f = Platform.start(Map.of(
                org.osgi.framework.Constants.FRAMEWORK_STORAGE, storage.toString(),
                org.osgi.framework.Constants.FRAMEWORK_STORAGE_CLEAN,
                org.osgi.framework.Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        try {
            assertFalse(Files.exists(storage.resolve("bundle1")), "cleaned: Felix made the folder again");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(storage)));
        } finally {
            f.stop();
            f.waitForStop(10000);
        }
    }

    @Test
    void fileInstallWorksUnderVar() {
        assertEquals(dir.resolve("var/fileinstall").toString(),
                DaemonMode.properties(layout()).get("felix.fileinstall.tmpdir"));
    }
}
