package om.core.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import om.api.ObjectPath;
import om.api.node.NodeConfig;
import om.core.internal.keywords.FakeRegistry;
import om.core.internal.store.ObjectStoreImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSettingsImplTest {
    @TempDir
    Path root;

    private final FakeRegistry drivers = FakeRegistry.standard();

    private NodeSettingsImpl settings() {
        return new NodeSettingsImpl(new InstallationImpl(root, "n1"), drivers);
    }

    private void file(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void defaultsWithoutFiles() {
        NodeConfig c = settings().current();
        assertEquals("default", c.clusterName());
        assertEquals(List.of("n1"), c.clusterNodes());
        assertEquals("", c.clusterId());
        assertEquals("", c.secret());
        assertFalse(c.quorum());
        assertEquals("TST", c.env());
        assertEquals(Duration.ofSeconds(5), c.getDuration("node", "ready_period", Duration.ZERO));
        assertEquals(1215, c.getInt("listener", "port", 0));
        assertTrue(c.issues().isEmpty());
    }

    /** Regression: daemon status read "n1,n2" as two nodes, object evaluation as one node named "n1,n2". */
    @Test
    void commaSeparatedNodesAreTwoNodesEverywhere() throws IOException {
        file("etc/cluster.conf", "[cluster]\nname = c1\nnodes = n1,n2\ndrpnodes = d1, d2\n");
        NodeConfig c = settings().current();
        assertEquals(List.of("n1", "n2"), c.clusterNodes());
        assertEquals(List.of("d1", "d2"), c.drpNodes());

        // the same answer in object evaluation: the store evaluates against the same settings
        file("etc/web.conf", "[DEFAULT]\nnodes = n*\n[env]\nx = {clusternodes}\ny = {#nodes}\n");
        file("etc/app2.conf", "[DEFAULT]\nnodes = n1,n2\n[env]\ny = {#nodes}\n");
        ObjectStoreImpl store = new ObjectStoreImpl(new InstallationImpl(root, "n1"), drivers);
        var web = store.load(ObjectPath.parse("web")).orElseThrow();
        assertEquals("2", web.get("env", "y").orElseThrow(), "n* expands to both cluster nodes");
        assertEquals(List.of("n1", "n2"), web.getList("DEFAULT", "nodes"));
        var app2 = store.load(ObjectPath.parse("app2")).orElseThrow();
        assertEquals(List.of("n1", "n2"), app2.getList("DEFAULT", "nodes"));
        assertEquals("2", app2.get("env", "y").orElseThrow());
    }

    @Test
    void nodeConfOverlaysClusterConfWithScopes() throws IOException {
        file("etc/cluster.conf", "[cluster]\nname = c1\nnodes = n1 n2\nquorum = true\n[node]\nenv = PRD\n"
                + "[hb#1]\ntype = unicast\nport@n1 = 10001\nport@n2 = 10002\ninterval@nodes = 2s\n");
        file("etc/node.conf", "[node]\nenv = DEV\nmax_parallel@n2 = 3\n[syslog]\nlevel = warning\n");
        NodeConfig c = settings().current();
        assertEquals("c1", c.clusterName());
        assertTrue(c.quorum());
        assertEquals("DEV", c.env(), "node.conf wins");
        assertEquals("10001", c.get("hb#1", "port").orElseThrow(), "scoped @n1");
        assertEquals("10", c.get("node", "max_parallel").orElseThrow(), "the @n2 value does not apply on n1");
        assertTrue(c.get("hb#1", "optional").isEmpty(), "no object keyword defaults in node sections");
        assertTrue(c.hasSection("syslog"));
        assertFalse(c.hasSection("arbitrator#1"));
        assertEquals(List.of("cluster", "node", "hb#1", "syslog"), c.sections());
        NodeConfig peer = c.asNode("n2");
        assertEquals("2s", c.asNode("n2").get("hb#1", "interval").orElse(null), "@nodes: the cluster nodes");
        assertEquals("5s", c.asNode("n9").get("hb#1", "interval").orElse(null),
                "n9 is not a cluster node: the table default");
        assertEquals("10002", peer.get("hb#1", "port").orElseThrow());
        assertEquals("3", peer.get("node", "max_parallel").orElseThrow());
    }

    @Test
    void rereadsOnlyWhenAFileChangesAndKeepsTheLastGoodVersion() throws IOException {
        NodeSettingsImpl s = settings();
        file("etc/cluster.conf", "[cluster]\nname = c1\n");
        NodeConfig first = s.current();
        assertSame(first, s.current(), "unchanged files: the same snapshot");
        file("etc/cluster.conf", "[cluster]\nname = c2\n");
        NodeConfig second = s.current();
        assertNotSame(first, second);
        assertEquals("c2", second.clusterName());
        file("etc/cluster.conf", "[cluster\nname = c3\n");
        NodeConfig broken = s.current();
        assertEquals("c2", broken.clusterName(), "a file that does not parse keeps the last good version");
        assertEquals(1, broken.issues().size());
        assertTrue(broken.issues().get(0).contains("cluster.conf"), broken.issues().toString());
    }

    @Test
    void listenersHearOfChanges() throws Exception {
        NodeSettingsImpl s = settings();
        BlockingQueue<NodeConfig> seen = new ArrayBlockingQueue<>(10);
        try (AutoCloseable reg = s.onChange(seen::add)) {
            file("etc/node.conf", "[node]\nenv = PRD\n");
            NodeConfig c = seen.poll(10, TimeUnit.SECONDS);
            assertEquals("PRD", c == null ? null : c.env(), "the poller noticed node.conf");
        } finally {
            s.deactivate();
        }
    }

    /** Regression (issue 8 item 12): cluster.id and cluster.secret were never generated. */
    @Test
    void ensureIdentityGeneratesIdAndSecretOnceKeepingTheFile() throws IOException {
        file("etc/cluster.conf", "# my cluster\n[cluster]\n# the name\nname = c1\n\n[hb#1]\ntype = unicast\n");
        NodeSettingsImpl s = settings();
        NodeConfig c = s.ensureIdentity();
        assertTrue(c.clusterId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), c.clusterId());
        assertTrue(c.secret().matches("[0-9a-f]{32}"), c.secret());
        Path conf = root.resolve("etc/cluster.conf");
        String text = Files.readString(conf);
        assertTrue(text.startsWith("# my cluster\n[cluster]\n# the name\nname = c1\n"), text);
        assertTrue(text.contains("[hb#1]\ntype = unicast\n"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
        NodeConfig again = new NodeSettingsImpl(new InstallationImpl(root, "n1"), drivers).ensureIdentity();
        assertEquals(c.clusterId(), again.clusterId(), "generated once");
        assertEquals(c.secret(), again.secret());
        assertEquals(text, Files.readString(conf));
    }

    @Test
    void ensureIdentityCreatesAMissingClusterConf() throws IOException {
        NodeConfig c = settings().ensureIdentity();
        assertFalse(c.clusterId().isEmpty());
        assertTrue(Files.readString(root.resolve("etc/cluster.conf")).startsWith("[cluster]\n"));
        assertEquals(List.of("n1"), c.clusterNodes());
    }
}
