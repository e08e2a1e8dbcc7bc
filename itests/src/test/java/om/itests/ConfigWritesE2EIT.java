package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 8 item 2 through the real bin/om: parallel `set` commands lose nothing (embedded and through the daemon),
 * `delete` refuses while an action holds the object; item 12: the daemon's first start writes cluster.id and
 * cluster.secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.HOST)
class ConfigWritesE2EIT {
    private static final int N = 20;
    private static Dist dist;

    @BeforeAll
    static void setUp() throws Exception {
        dist = new Dist(Dist.newRoot("cfgw"), "cfgw1");
        dist.writeConf("web", "[DEFAULT]\nnodes = cfgw1\n\n[app#0]\nstart = /bin/true\n");
        dist.writeConf("slow", "[DEFAULT]\nnodes = cfgw1\n\n[app#0]\nstart = /bin/sleep 6\n");
    }

    @AfterAll
    static void tearDown() throws Exception {
        dist.stopDaemon();
    }

    /** N `om web set --kw env.<prefix><i>=v<i>` at once; every one exits 0 and every key is in the file. */
    private void parallelSets(String prefix) throws Exception {
        List<Process> ps = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Path out = Files.createTempFile("om-set", ".out");
            outs.add(out);
            ps.add(dist.spawnOm(out, "web", "set", "--kw", "env." + prefix + i + "=v" + i));
        }
        for (int i = 0; i < N; i++) {
            assertTrue(ps.get(i).waitFor(180, TimeUnit.SECONDS), "set " + i + " finished");
            assertEquals(0, ps.get(i).exitValue(), Files.readString(outs.get(i)));
            Files.deleteIfExists(outs.get(i));
        }
        String text = Files.readString(dist.root.resolve("etc/web.conf"));
        for (int i = 0; i < N; i++) {
            assertTrue(text.contains("\n" + prefix + i + " = v" + i + "\n"), prefix + i + " lost in\n" + text);
        }
        try (Stream<Path> l = Files.list(dist.root.resolve("etc"))) {
            assertEquals(List.of(), l.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
                    "no temporary left");
        }
    }

    @Test
    @Order(1)
    void parallelSetsWithoutDaemonAreAllKept() throws Exception {
        parallelSets("e");
    }

    @Test
    @Order(2)
    void deleteRefusesDuringAStart() throws Exception {
        Path out = Files.createTempFile("om-start", ".out");
        Process start = dist.spawnOm(out, "slow", "start", "--local");
        try {
            Path lock = dist.root.resolve("var/svc/slow/lock.generic");
            long end = System.currentTimeMillis() + 60_000;
            while (!(Files.exists(lock) && Files.readString(lock).contains(" start ")) && System.currentTimeMillis() < end) {
                Thread.sleep(100);
            }
            Dist.Result r = dist.om("slow", "delete");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().matches("error: slow: timed out waiting for lock \\(held by start, pid \\d+\\)\n"),
                    r.err());
            assertTrue(Files.exists(dist.root.resolve("etc/slow.conf")), "the config stays");
            assertTrue(Files.exists(lock), "the lock file stays");
            assertTrue(start.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, start.exitValue(), Files.readString(out));
        } finally {
            start.destroyForcibly();
            Files.deleteIfExists(out);
        }
        Dist.Result r = dist.om("slow", "delete");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(dist.root.resolve("etc/slow.conf")));
        assertFalse(Files.exists(dist.root.resolve("var/svc/slow")));
    }

    @Test
    @Order(3)
    void theDaemonGeneratesTheClusterIdentityAndKeepsParallelSets() throws Exception {
        assertFalse(Files.exists(dist.root.resolve("etc/cluster.conf")));
        dist.startDaemon();
        Path conf = dist.root.resolve("etc/cluster.conf");
        String text = Files.readString(conf);
        assertTrue(text.matches("(?s)\\[cluster]\nid = [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n"
                + "secret = [0-9a-f]{32}\n"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
        parallelSets("d");
        dist.stopDaemon();
        dist.startDaemon();
        assertEquals(text, Files.readString(conf), "generated once");
    }
}
