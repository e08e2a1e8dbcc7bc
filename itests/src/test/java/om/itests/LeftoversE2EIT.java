package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Items 15 and 16 of issue 8 on the real distribution: what a SIGKILLed client or daemon leaves is under var/ and
 * goes at the next start; logs are as private as the configs.
 */
@ResourceLock(Serial.HOST)
class LeftoversE2EIT {
    private Dist dist;

    @BeforeEach
    void setUp() throws Exception {
        dist = new Dist(Dist.newRoot("left"), "left1");
    }

    @AfterEach
    void tearDown() throws Exception {
        dist.stopDaemon();
        for (long pid : RootLockE2EIT.daemonsOn(dist.root)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private List<Path> embedded() throws Exception {
        Path dir = dist.root.resolve("var/embedded");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aKilledEmbeddedClientsStorageGoesAtTheNextStart() throws Exception {
        Files.createDirectories(dist.root.resolve("etc"));
        Process client = dist.spawnOm(dist.root.resolve("client.out"), "*", "ls");
        long deadline = System.currentTimeMillis() + 30000;
        while (embedded().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        List<Path> left = embedded();
        assertEquals(1, left.size(), "the client's framework storage is under var/embedded: " + left);
        long pid = Long.parseLong(left.get(0).getFileName().toString());
        // SIGKILL the JVM that owns the folder (bin/om may be the C client in front of it)
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        client.destroyForcibly().waitFor();
        while (ProcessHandle.of(pid).isPresent() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.isDirectory(left.get(0)), "a killed client cannot clean up");

        Dist.Result r = dist.om("*", "ls");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(left.get(0)), "removed by the next client");
        assertEquals(List.of(), embedded(), "and that client removed its own at exit");
    }

    @Test
    void aKilledDaemonRestartsOnItsOwnFolders() throws Exception {
        dist.startDaemon();
        Path fileinstall = dist.root.resolve("var/fileinstall");
        assertTrue(Files.isDirectory(fileinstall), "FileInstall works under var/, not in /tmp");
        long pid = Long.parseLong(Files.readString(dist.root.resolve("var/omd.pid")).trim());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get();

        dist.startDaemon(); // the kernel released the root lock with the process
        assertTrue(Files.isDirectory(fileinstall));
        assertEquals(1, RootLockE2EIT.daemonsOn(dist.root).size());
        assertPrivate(dist.root.resolve("log")); // omd.out and node.log of a detached daemon too
    }

    /** Every file under {@code dir} 0600, every folder 0700 (dir included), as the configs. */
    static void assertPrivate(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
            }
        }
    }

    @Test
    void logsArePrivateLikeTheConfigs() throws Exception {
        Path conf = dist.root.resolve("web.conf.in");
        Files.writeString(conf, "[DEFAULT]\nnodes = left1\n\n[app#0]\nstart = /bin/true secret=s3cr3t\n"
                + "check = /bin/true\n");
        assertEquals(0, dist.om("web", "create", "--config", conf.toString()).exit());
        Files.writeString(dist.root.resolve("etc/Bad.conf"), "");
        Dist.Result r = dist.om("web", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        // the store's node-level warning (a listing skips Bad.conf), written by om.log, the one writer of node.log
        Dist.Result ls = dist.om("*", "ls");
        assertEquals("web\n", ls.out(), ls.toString());
        assertFalse(ls.err().contains("Circular reference"), ls.err());
        String nodeLog = Files.readString(dist.root.resolve("log/node.log"));
        assertTrue(nodeLog.contains(" WARNING n:left1 c:store | skip config file "), nodeLog);
        assertFalse(r.err().contains("Circular reference"), r.err());
        try (Stream<Path> s = Files.walk(dist.root.resolve("log"))) {
            for (Path p : s.filter(p -> !p.equals(dist.root.resolve("log"))).toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, p.toString());
            }
        }
    }
}
