package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 9 item 1 and "Bad input" through the real bin/om and bin/omd: cluster.conf written by `om cluster set`
 * (validated, atomic, 0600), printed as written, validated with file:line errors; a daemon refuses to start on a
 * broken cluster.conf with that one line, starts once it is fixed (writing the identity), and a broken live change
 * is logged while the last good version stays.
 */
@ResourceLock(Serial.HOST)
class ClusterConfigE2EIT {
    private Dist dist;
    private Path conf;

    @BeforeEach
    void setUp() throws Exception {
        dist = new Dist(Dist.newRoot("ccfg"), "ccfg1");
        conf = dist.root.resolve("etc/cluster.conf");
    }

    @AfterEach
    void tearDown() throws Exception {
        dist.stopDaemon();
    }

    @Test
    void setPrintValidateAndTheDaemonRefusingABrokenFile() throws Exception {
        Dist.Result r = dist.om("cluster", "set", "--kw", "cluster.name=c1", "--kw", "cluster.nodes=ccfg1",
                "--kw", "hb#1.type=unicast", "--kw", "hb#1.port@ccfg1=10931", "--kw", "hb#1.timeout=5s");
        assertEquals(0, r.exit(), r.toString());
        String written = "[cluster]\nname = c1\nnodes = ccfg1\n\n[hb#1]\ntype = unicast\nport@ccfg1 = 10931\n"
                + "timeout = 5s\n";
        assertEquals(written, Files.readString(conf));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));

        r = dist.om("cluster", "print", "config");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(written, r.out());
        r = dist.om("cluster", "print", "config", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"port@ccfg1\" : \"10931\""), r.out());

        r = dist.om("cluster", "set", "--kw", "hb#1.timeout=soon");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("error: " + conf + ":8: hb#1.timeout: 'soon' is not a duration (like 30s, 1h30m)\n", r.err());
        assertEquals(written, Files.readString(conf), "a refused set leaves the file");
        r = dist.om("cluster", "set", "--kw", "hb#1.timeout=5s", "--bogus");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: unknown option '--bogus' for 'cluster set'\n", r.err());
        r = dist.om("cluster", "config", "validate");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.out() + r.err());

        // broken by hand: validate says where, the daemon refuses to start with that line
        Files.writeString(conf, written.replace("type = unicast", "type = disk"));
        r = dist.om("cluster", "config", "validate");
        assertEquals(1, r.exit(), r.toString());
        String line = "error: " + conf + ":6: hb#1.type: 'disk' is not one of: unicast, multicast";
        assertEquals(line + "\n", r.err());

        r = dist.omd();
        assertEquals(1, r.exit(), r.toString());
        assertEquals(line + "\n", r.err(), "one line, no stack trace");
        assertFalse(Files.exists(dist.root.resolve("var/omd.pid")), "no pid file left");
        r = dist.om("daemon", "start");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains(line + "\n"), r.toString());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.readString(conf).contains("secret"), "a refused start writes nothing");

        // fixed: the daemon starts and writes the identity before anything of it runs
        Files.writeString(conf, written);
        r = dist.om("daemon", "start");
        assertEquals(0, r.exit(), r.toString());
        String text = Files.readString(conf);
        assertTrue(text.matches("(?s)\\[cluster]\nname = c1\nnodes = ccfg1\nid = [0-9a-f-]{36}\nsecret = [0-9a-f]{32}\n\n"
                + "\\[hb#1].*"), text);

        // through the daemon: set, and a broken live change kept out and logged in node.log
        r = dist.om("cluster", "set", "--kw", "hb#1.timeout=7s");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.readString(conf).contains("\ntimeout = 7s\n"));
        String good = Files.readString(conf);
        Files.writeString(conf, good.replace("timeout = 7s", "timeout = never"));
        Path nodeLog = dist.root.resolve("log/node.log");
        String expected = conf + ":10: hb#1.timeout: 'never' is not a duration (like 30s, 1h30m);"
                + " the last good version is used";
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end
                && !(Files.exists(nodeLog) && Files.readString(nodeLog).contains(expected))) {
            Thread.sleep(200);
        }
        assertTrue(Files.readString(nodeLog).contains(expected), Files.readString(nodeLog));
        r = dist.om("cluster", "config", "validate");
        assertEquals(1, r.exit(), r.toString());

        r = dist.om("node", "freeze");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().endsWith(" now frozen\n"), r.out());
        assertTrue(Files.exists(dist.root.resolve("var/node/frozen")));
        r = dist.om("node", "freeze");
        assertTrue(r.out().endsWith(" already frozen\n"), r.out());
        r = dist.om("node", "thaw");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(Files.exists(dist.root.resolve("var/node/frozen")));
    }
}
