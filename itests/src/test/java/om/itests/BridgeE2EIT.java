package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The real bin/om and bin/omd: embedded without a daemon, through the bridge with one. */
@ResourceLock(Serial.HOST)
class BridgeE2EIT {
    private Dist dist;

    @BeforeEach
    void setUp() throws Exception {
        dist = new Dist(Dist.newRoot("e2e"), "e2e1");
    }

    @AfterEach
    void tearDown() throws Exception {
        dist.om("daemon", "stop");
    }

    private void createWeb(Path marker) throws Exception {
        Path conf = dist.root.resolve("web.conf.in");
        Files.writeString(conf, "[DEFAULT]\nnodes = e2e1\n\n[app#0]\nstart = /bin/touch " + marker
                + "\nstop = /bin/rm -f " + marker + "\ncheck = /usr/bin/test -e " + marker + "\n");
        Dist.Result r = dist.om("web", "create", "--config", conf.toString());
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void withoutDaemonTheEmbeddedFrameworkAnswers() throws Exception {
        Path marker = dist.root.resolve("web.up");
        createWeb(marker);
        Dist.Result r = dist.om("*", "ls");
        assertEquals("web\n", r.out(), r.toString());

        r = dist.om("web", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("e2e1.web.app#0"), r.toString());
        assertTrue(Files.exists(marker));

        r = dist.om("web", "print", "status");
        assertTrue(r.out().contains("daemon down"), r.toString());
        assertTrue(r.out().matches("(?s).*app#0 +\\.{8} up .*"), r.toString());

        r = dist.om("mon");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("error: daemon is not running\n", r.err());

        r = dist.om("web", "start");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: daemon is not running"), r.toString());
    }

    @Test
    void throughTheDaemon() throws Exception {
        Path marker = dist.root.resolve("web.up");
        createWeb(marker);
        Dist.Result r = dist.omd("--daemon");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(dist.root.resolve("var/lsnr/cli.sock")));

        r = dist.om("daemon", "status", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"listener\""), r.toString());

        r = dist.om("web", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("e2e1.web.app#0"), r.toString());
        assertTrue(Files.exists(marker));

        r = dist.om("web", "print", "status");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("daemon down"), r.toString());

        r = dist.om("mon");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains(" web "), r.toString());

        r = dist.om("web", "stop", "--local");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(marker));

        // the action log went to log/web.log, bracketed, and reads back
        r = dist.om("web", "logs");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("INFO "), r.toString());
        assertTrue(r.out().contains("o:web sc:n | do start --local (origin user)"), r.toString());
        assertTrue(r.out().contains("r:app#0 sc:n | exec /bin/touch " + marker + " as user root"), r.toString());
        assertTrue(r.out().matches("(?s).*done stop in \\d:\\d\\d:\\d\\d\\.\\d{6}, instance status is now down.*"),
                r.toString());
        r = dist.om("web", "logs", "--format", "json", "--since", "1h");
        assertTrue(r.out().trim().startsWith("["), r.toString());
        assertTrue(r.out().contains("\"rid\" : \"app#0\""), r.toString());
        assertTrue(Files.exists(dist.root.resolve("log/web.log")));
        r = dist.om("node", "logs");
        assertEquals(0, r.exit(), r.toString());

        r = dist.om("nope", "print", "status");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("error: nope: object not found\n", r.err());

        r = dist.om("daemon", "stop");
        assertEquals(0, r.exit(), r.toString());
        long end = System.currentTimeMillis() + 15000;
        while (Files.exists(dist.root.resolve("var/omd.pid")) && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(dist.root.resolve("var/omd.pid")), "pid file removed at exit");
    }

    @Test
    void badConfigIsReportedWithFileAndLine() throws Exception {
        Path conf = dist.root.resolve("bad.conf.in");
        Files.writeString(conf, "[DEFAULT]\nnodes = e2e1\n\n[app#0]\nstart = /bin/true\nbogus_keyword = 1\n");
        Dist.Result r = dist.om("bad", "create", "--config", conf.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(":6:"), r.toString());
        assertFalse(Files.exists(dist.root.resolve("etc/bad.conf")));

        Files.createDirectories(dist.root.resolve("etc"));
        Files.writeString(dist.root.resolve("etc/broken.conf"), "[DEFAULT]\nnodes = e2e1\nthis line is broken\n");
        r = dist.om("broken", "config", "validate");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("broken.conf:3:"), r.toString());
    }
}
