package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import om.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 9 items 5 and 6 on two real daemons (two JVMs, two install roots, OM_NODENAME n1 and n2, their TLS
 * listeners on 127.0.0.1 at distinct ports through {@code listener.port@n1}...): the node API as curl sees it,
 * the relay from n1 to n2, and config replication (once heartbeats run between them).
 */
@ResourceLock(Serial.HOST)
class NodeApiE2EIT {
    static final String SECRET = "6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c";
    Dist n1;
    Dist n2;
    int port1;
    int port2;
    /** n1's heartbeat port, 0 without heartbeats. */
    int hbPort1;

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static boolean heartbeatsShipped() throws IOException {
        Path deploy = Dist.defaultHome().resolve("deploy");
        try (Stream<Path> s = Files.list(deploy)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("om.hb.unicast"));
        }
    }

    String clusterConf() throws IOException {
        String conf = "[cluster]\nname = api\nnodes = n1 n2\nsecret = " + SECRET + "\n\n[listener]\naddr = 127.0.0.1\n"
                + "port@n1 = " + port1 + "\nport@n2 = " + port2 + "\n";
        if (heartbeatsShipped()) {
            hbPort1 = freePort();
            conf += "\n[hb#1]\ntype = unicast\naddr = 127.0.0.1\ninterval = 1s\ntimeout = 4s\nport@n1 = " + hbPort1
                    + "\nport@n2 = " + freePort() + "\n";
        }
        return conf;
    }

    @BeforeEach
    void setUp() throws Exception {
        n1 = new Dist(Dist.newRoot("api-n1"), "n1");
        n2 = new Dist(Dist.newRoot("api-n2"), "n2");
        port1 = freePort();
        port2 = freePort();
        String conf = clusterConf();
        for (Dist d : List.of(n1, n2)) {
            Files.createDirectories(d.root.resolve("etc"));
            Files.writeString(d.root.resolve("etc/cluster.conf"), conf);
            d.startDaemon();
        }
        awaitListening(port1);
        awaitListening(port2);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Dist d : List.of(n1, n2)) {
            d.stopDaemon();
        }
    }

    /** curl -sk [-u user:password] URL: the status code, then the body. */
    Dist.Result curl(String user, String url, String... more) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-sk", "-o", "-", "-w", "\n%{http_code}"));
        if (user != null) {
            cmd.add("-u");
            cmd.add(user);
        }
        cmd.addAll(List.of(more));
        cmd.add(url);
        return n1.run(cmd, 60);
    }

    static int code(Dist.Result r) {
        String out = r.out();
        return Integer.parseInt(out.substring(out.lastIndexOf('\n') + 1).strip());
    }

    static JsonNode body(Dist.Result r) throws Exception {
        String out = r.out();
        return Json.mapper().readTree(out.substring(0, out.lastIndexOf('\n')));
    }

    void awaitListening(int port) throws Exception {
        long end = System.currentTimeMillis() + 30000;
        while (System.currentTimeMillis() < end) {
            Dist.Result r = curl(null, "https://127.0.0.1:" + port + "/api/daemon/status");
            if (r.exit() == 0 && code(r) == 401) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no TLS listener on " + port);
    }

    @Test
    void theStatusIsForNodesWithTheSecretOnly() throws Exception {
        String url = "https://127.0.0.1:" + port1 + "/api/daemon/status";
        for (String user : new String[] {null, "n1:wrong", "n3:" + SECRET}) {
            Dist.Result r = curl(user, url);
            assertEquals(401, code(r), user + ": " + r);
            JsonNode b = body(r);
            assertEquals(401, b.get("status").asInt());
            assertEquals("Unauthorized", b.get("title").asText());
        }
        Dist.Result ok = curl("n1:" + SECRET, url);
        assertEquals(200, code(ok), ok.toString());
        JsonNode status = body(ok);
        assertEquals("api", status.at("/cluster/name").asText());
        assertTrue(status.at("/monitor/nodes").has("n1"), ok.out());
        String log = Files.readString(n1.root.resolve("log/node.log"));
        assertTrue(log.contains("listener: refused a request from 127.0.0.1: no credentials"), log);
    }

    @Test
    void aRequestForN2IsRelayedByN1() throws Exception {
        Dist.Result r = curl("n1:" + SECRET, "https://127.0.0.1:" + port1 + "/api/node/name/n2/daemon/status");
        assertEquals(200, code(r), r.toString());
        assertTrue(body(r).at("/monitor/nodes").has("n2"), "n2's own dataset: " + r.out());
        n2.writeConf("ns1/svc/web", "[DEFAULT]\nnodes = n1 n2\n");
        Dist.Result file = curl("n2:" + SECRET, "https://127.0.0.1:" + port1
                + "/api/node/name/n2/object/path/ns1/svc/web/config/file");
        assertEquals(200, code(file), file.toString());
        assertEquals("[DEFAULT]\nnodes = n1 n2\n", file.out().substring(0, file.out().lastIndexOf('\n')));
        assertTrue(Files.isRegularFile(n1.root.resolve("var/certs/peers/n2")), "n2's key pinned by n1");
    }

    @Test
    void httpsOnlyEveryErrorJsonAndTheCertificatePrivate() throws Exception {
        Dist.Result plain = n1.run(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "http://127.0.0.1:" + port1 + "/api/daemon/status"), 60);
        assertEquals("000", plain.out().strip(), "no plain HTTP answer on the TLS port");
        Dist.Result bad = curl("n1:" + SECRET, "https://127.0.0.1:" + port1 + "/api/%zz");
        assertEquals(400, code(bad), bad.toString());
        assertEquals(400, body(bad).get("status").asInt(), "Jetty's own error as the JSON body");
        Dist.Result none = curl("n1:" + SECRET, "https://127.0.0.1:" + port1 + "/nothing");
        assertEquals(404, code(none));
        assertEquals("no such endpoint: /nothing", body(none).get("detail").asText());
        for (String f : List.of("node.p12", "node.p12.pass")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    n1.root.resolve("var/certs").resolve(f))), f);
        }
        long pid = Long.parseLong(Files.readString(n1.root.resolve("var/omd.pid")).strip());
        Dist.Result ss = n1.run(List.of("ss", "-ltnpH"), 30);
        java.util.Set<Integer> ports = new java.util.TreeSet<>();
        ss.out().lines().filter(l -> l.contains("pid=" + pid + ",")).forEach(l -> {
            String local = l.trim().split("\\s+")[3];
            ports.add(Integer.parseInt(local.substring(local.lastIndexOf(':') + 1)));
        });
        java.util.Set<Integer> expected = new java.util.TreeSet<>(List.of(port1));
        if (hbPort1 != 0) {
            expected.add(hbPort1);
        }
        assertEquals(expected, ports, "the daemon listens on its TLS port (and its heartbeat's) only: " + ss.out());
    }

    @Test
    void aConfigCreatedChangedAndDeletedOnN1DoesSoOnN2() throws Exception {
        assumeTrue(heartbeatsShipped(), "needs the heartbeat bundles (om.hb.unicast in deploy/)");
        Dist.Result create = n1.om("ns1/svc/web", "create", "--kw", "nodes=n1 n2");
        assertEquals(0, create.exit(), create.toString());
        Path onN2 = n2.root.resolve("etc/namespaces/ns1/svc/web.conf");
        Path onN1 = n1.root.resolve("etc/namespaces/ns1/svc/web.conf");
        await("the create on n2", () -> Files.exists(onN2) && Files.readString(onN2).equals(Files.readString(onN1)));
        assertEquals(Files.getLastModifiedTime(onN1), Files.getLastModifiedTime(onN2), "the source's mtime");
        Dist.Result set = n1.om("ns1/svc/web", "set", "--kw", "env=PRD");
        assertEquals(0, set.exit(), set.toString());
        await("the change on n2", () -> Files.readString(onN2).contains("env = PRD"));
        Dist.Result delete = n1.om("ns1/svc/web", "delete");
        assertEquals(0, delete.exit(), delete.toString());
        await("the delete on n2", () -> !Files.exists(onN2));
        Thread.sleep(3000);
        assertFalse(Files.exists(onN1) || Files.exists(onN2), "not brought back");
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, Check c) throws Exception {
        long end = System.currentTimeMillis() + 20000;
        while (!c.ok()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
