package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/** The manual's selector examples through the real bin/om, embedded and through the daemon: same answers. */
@ResourceLock(Serial.HOST)
class SelectorE2EIT {
    private static Dist dist;

    @BeforeAll
    static void objects() throws Exception {
        dist = new Dist(Dist.newRoot("sel"), "sel1");
        Path etc = Files.createDirectories(dist.root.resolve("etc"));
        Files.writeString(etc.resolve("pridns.conf"), "[DEFAULT]\nnodes = sel1\n\n[app#0]\nstart = /bin/true\n");
        Files.writeString(etc.resolve("ha1.conf"),
                "[DEFAULT]\nnodes = sel1\n\n[app#0]\nstart = /bin/true\ntimeout = 10s\n\n[ip#0]\nipname = 127.0.9.1\n"
                        + "ipdev = lo\n\n[task#0]\ncommand = /bin/true\n");
        Files.writeString(etc.resolve("ha2.conf"),
                "[DEFAULT]\nnodes = sel1\n\n[app#0]\nstart = /bin/true\ntimeout = 1\nmonitor = True\n");
        Files.writeString(etc.resolve("web.conf"),
                "[DEFAULT]\nnodes = sel1\nmonitor_schedule = @5m\n\n[app#0]\nstart = /bin/true\nmonitor = yes\n");
        Files.createDirectories(etc.resolve("namespaces/ns1/svc"));
        Files.writeString(etc.resolve("namespaces/ns1/svc/web1.conf"), "[DEFAULT]\nnodes = sel1\n");
        Files.createDirectories(etc.resolve("namespaces/ns1/vol"));
        Files.writeString(etc.resolve("namespaces/ns1/vol/wev1.conf"), "[DEFAULT]\nnodes = sel1\n");
        Files.createDirectories(etc.resolve("cfg"));
        Files.writeString(etc.resolve("cfg/c1.conf"), "[DEFAULT]\n");
    }

    @AfterAll
    static void stop() throws Exception {
        dist.om("daemon", "stop");
    }

    private void expect(String selector, String expected) throws Exception {
        Dist.Result r = dist.om(selector, "ls");
        assertEquals(0, r.exit(), r.toString());
        assertEquals(expected, r.out(), selector);
    }

    /** @param cluster whether etc/cluster.conf exists (the daemon writes it at its first start): "cluster" is listed */
    private void examples(boolean cluster) throws Exception {
        expect("**", "cfg/c1\n" + (cluster ? "cluster\n" : "") + "ha1\nha2\nns1/svc/web1\nns1/vol/wev1\npridns\nweb\n");
        expect("*", "ha1\nha2\nns1/svc/web1\npridns\nweb\n");
        expect("ns1/svc/web1", "ns1/svc/web1\n");
        expect("ns1/svc/web1,ns1/vol/wev1", "ns1/svc/web1\nns1/vol/wev1\n");
        expect("*dns,ha*+app.timeout>1", "ha1\npridns\n");
        expect("ip:+task:", "ha1\n");
        expect("!monitor_schedule+.monitor=true", "ha2\n");
        Dist.Result r = dist.om("ns1/svc/nope", "ls");
        assertEquals(1, r.exit(), r.toString());
        assertEquals("error: ns1/svc/nope: object not found\n", r.err());
        r = dist.om("a,,b", "ls");
        assertEquals(2, r.exit(), r.toString());
        assertEquals("error: invalid selector 'a,,b': empty term\n", r.err());
    }

    @Test
    void embeddedThenThroughTheDaemon() throws Exception {
        examples(false);
        Dist.Result r = dist.omd("--daemon");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(dist.root.resolve("var/lsnr/cli.sock")));
        examples(true);
    }
}
