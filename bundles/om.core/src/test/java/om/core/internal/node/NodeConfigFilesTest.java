package om.core.internal.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.config.ConfigException;
import om.api.config.ConfigIssue;
import om.api.config.KeywordChange;
import om.api.node.NodeConfig;
import om.api.node.NodeFile;
import om.api.status.Level;
import om.core.internal.keywords.FakeRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cluster.conf and node.conf on the keyword tables: defaults, scopes, validation, writes, identity, changes. */
class NodeConfigFilesTest {
    @TempDir
    Path root;

    private final FakeRegistry drivers = FakeRegistry.standard();

    private NodeSettingsImpl settings(String node) {
        return new NodeSettingsImpl(new InstallationImpl(root, node), drivers);
    }

    private Path file(String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private List<String> issues(NodeSettingsImpl s, NodeFile f) {
        return s.validate(f).stream().map(ConfigIssue::toString).toList();
    }

    @Test
    void everyKeywordHasItsTableDefaultWrittenOrNot() {
        NodeConfig c = settings("n1").current();
        assertEquals("default", c.get("cluster", "name").orElseThrow());
        assertEquals("n1", c.get("cluster", "nodes").orElseThrow(), "the local node");
        assertEquals("crash", c.get("node", "split_action").orElseThrow());
        assertEquals("90s", c.get("node", "rejoin_grace_period").orElseThrow());
        assertEquals("60s", c.get("node", "maintenance_grace_period").orElseThrow());
        assertEquals("0.0.0.0", c.get("listener", "addr").orElseThrow());
        assertEquals("514", c.get("syslog", "port").orElseThrow());
        assertEquals("1", c.get("arbitrator#a", "weight").orElseThrow());
        assertEquals("5s", c.get("hb#1", "interval").orElseThrow(), "no [hb#1] at all");
        assertEquals("15s", c.get("hb#1", "timeout").orElseThrow());
        assertTrue(c.get("hb#1", "addr").isEmpty(), "no type, no address default");
        assertTrue(c.get("cluster", "secret").isEmpty());
        assertTrue(c.get("node", "nosuch").isEmpty());
    }

    @Test
    void heartbeatDefaultsFollowTheEffectiveTypeAndScopesApply() throws IOException {
        file("etc/cluster.conf", "[cluster]\nname = c1\nnodes = n1 n2 n3\n"
                + "[hb#1]\ntype = unicast\naddr@n2 = 10.0.0.2\nport@n2 = 10002\n"
                + "[hb#2]\ntype = multicast\n"
                + "[hb#3]\ntype = unicast\nnodes = n1 n2\ntimeout = {interval}\ninterval = 2s\n");
        NodeConfig c = settings("n1").current();
        assertEquals("0.0.0.0", c.get("hb#1", "addr").orElseThrow(), "unicast default on n1");
        assertEquals("10000", c.get("hb#1", "port").orElseThrow());
        assertEquals("n1 n2 n3", c.get("hb#1", "nodes").orElseThrow(), "unicast nodes: every cluster node");
        NodeConfig n2 = c.asNode("n2");
        assertEquals("10.0.0.2", n2.get("hb#1", "addr").orElseThrow(), "addr@n2 evaluated as n2");
        assertEquals("10002", n2.get("hb#1", "port").orElseThrow());
        assertEquals("0.0.0.0", c.asNode("n3").get("hb#1", "addr").orElseThrow());
        assertEquals("224.3.29.71", c.get("hb#2", "addr").orElseThrow(), "multicast group default");
        assertEquals("n1 n2", c.get("hb#3", "nodes").orElseThrow());
        assertEquals("2s", c.get("hb#3", "timeout").orElseThrow(), "references as in objects");
    }

    @Test
    void nodeConfOverridesAHeartbeatWithoutRepeatingItsType() throws IOException {
        file("etc/cluster.conf", "[cluster]\nnodes = n1 n2\n[hb#1]\ntype = multicast\n");
        file("etc/node.conf", "[hb#1]\naddr = 224.3.29.99\nintf = lo\n");
        NodeSettingsImpl s = settings("n1");
        assertEquals(List.of(), issues(s, NodeFile.NODE), "the type is in cluster.conf");
        NodeConfig c = s.current();
        assertEquals(List.of(), c.issues());
        assertEquals("224.3.29.99", c.get("hb#1", "addr").orElseThrow());
        assertEquals("lo", c.get("hb#1", "intf").orElseThrow());
    }

    @Test
    void validationNamesFileLineAndCause() throws IOException {
        Path conf = file("etc/cluster.conf", String.join("\n",
                "[cluster]",                  // 1
                "name = c1",                  // 2
                "nmae = c2",                  // 3 unknown keyword
                "nodes@n1 = n1",              // 4 not scopable
                "quorum = maybe",             // 5 bad bool
                "[hb#1]",                     // 6
                "type = disk",                // 7 bad type
                "timeout = soon",             // 8 bad duration
                "[hb#2]",                     // 9 no type
                "port = 10001",               // 10
                "[hb]",                       // 11 no index
                "[pool#1]",                   // 12 unknown section
                "[node]",                     // 13
                "split_action = explode",     // 14
                "max_parallel = {nosuch.x}",  // 15 kept verbatim: not an integer
                "[stonith#n2]",               // 16 no command
                "[hb#3]",                     // 17
                "type = multicast",           // 18
                "nodes = n1",                 // 19 unicast only
                ""));
        List<String> got = issues(settings("n1"), NodeFile.CLUSTER);
        String f = conf.toString();
        assertEquals(List.of(
                f + ":3: unknown keyword 'nmae' in [cluster]",
                f + ":4: cluster.nodes@n1: keyword 'nodes' is not scopable",
                f + ":5: cluster.quorum: 'maybe' is not a boolean (true false yes no 1 0)",
                f + ":7: hb#1.type: 'disk' is not one of: unicast, multicast",
                f + ":8: hb#1.timeout: 'soon' is not a duration (like 30s, 1h30m)",
                f + ":9: hb#2: missing required keyword 'type'",
                f + ":11: [hb] needs an index, write [hb#<n>]",
                f + ":12: unknown section [pool#1], sections are [cluster] [node] [hb#<n>] [arbitrator#<n>]"
                        + " [stonith#<node>] [listener] [syslog] [log]",
                f + ":14: node.split_action: 'explode' is not one of: crash, reboot, disabled",
                f + ":15: node.max_parallel: '{nosuch.x}' is not an integer",
                f + ":16: stonith#n2: missing required keyword 'command'",
                f + ":19: unknown keyword 'nodes' in [hb#3] (type multicast)"), got);
    }

    @Test
    void syntaxErrorsAndReferenceErrorsToo() throws IOException {
        Path conf = file("etc/node.conf", "name = x\n[node]\nenv = {env.nosuch}\n[node]\n");
        List<String> got = issues(settings("n1"), NodeFile.NODE);
        assertEquals(3, got.size(), got.toString());
        assertTrue(got.get(0).startsWith(conf + ":1: "), got.toString());
        assertTrue(got.get(1).startsWith(conf + ":3: node.env: "), got.toString());
        assertTrue(got.get(2).startsWith(conf + ":4: "), got.toString());
    }

    /** The secret written without its '=' must not be echoed into node.log or the daemon's stderr. */
    @Test
    void aMalformedLineIsNotQuoted() throws IOException {
        Path conf = file("etc/cluster.conf", "[cluster]\nsecret 0123456789abcdef0123456789abcdef\n");
        List<String> got = issues(settings("n1"), NodeFile.CLUSTER);
        assertEquals(List.of(conf + ":2: malformed line, expected 'key = value'"), got);
        assertTrue(settings("n1").current().issues().stream().noneMatch(i -> i.contains("0123456789abcdef")));
    }

    @Test
    void aBrokenLiveChangeKeepsTheLastGoodVersionAndSaysWhy() throws IOException {
        Path conf = file("etc/cluster.conf", "[cluster]\nname = c1\n[hb#1]\ntype = unicast\ntimeout = 20s\n");
        NodeSettingsImpl s = settings("n1");
        assertEquals("20s", s.current().get("hb#1", "timeout").orElseThrow());
        file("etc/cluster.conf", "[cluster]\nname = c2\n[hb#1]\ntype = unicast\ntimeout = 2 seconds\n");
        NodeConfig c = s.current();
        assertEquals("c1", c.clusterName(), "a bad value: the whole file keeps its last good version");
        assertEquals("20s", c.get("hb#1", "timeout").orElseThrow());
        assertEquals(List.of(conf + ":5: hb#1.timeout: '2 seconds' is not a duration (like 30s, 1h30m);"
                + " the last good version is used"), c.issues());
        file("etc/cluster.conf", "[cluster]\nname = c3\n");
        assertEquals("c3", s.current().clusterName());
        assertEquals(List.of(), s.current().issues());
    }

    @Test
    void setWritesAtomicallyPrivateAndRefusesWhatWouldNotValidate() throws IOException {
        Path conf = file("etc/cluster.conf", "# ours\n[cluster]\nname = c1\n\n[hb#1]\ntype = unicast\n");
        NodeSettingsImpl s = settings("n1");
        NodeConfig c = s.change(NodeFile.CLUSTER, List.of(new KeywordChange("hb#1", "timeout", null, "5s"),
                new KeywordChange("hb#1", "addr", "n2", "10.0.0.2")));
        assertEquals("5s", c.get("hb#1", "timeout").orElseThrow());
        assertEquals("10.0.0.2", c.asNode("n2").get("hb#1", "addr").orElseThrow());
        assertEquals("# ours\n[cluster]\nname = c1\n\n[hb#1]\ntype = unicast\ntimeout = 5s\naddr@n2 = 10.0.0.2\n",
                Files.readString(conf));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));

        String before = Files.readString(conf);
        ConfigException e = assertThrows(ConfigException.class, () -> s.change(NodeFile.CLUSTER,
                List.of(new KeywordChange("hb#1", "timeout", null, "soon"))));
        assertEquals(conf + ":7: hb#1.timeout: 'soon' is not a duration (like 30s, 1h30m)", e.getMessage());
        assertThrows(ConfigException.class, () -> s.change(NodeFile.CLUSTER,
                List.of(new KeywordChange("hb#2", "timeout", null, "5s"))), "a heartbeat needs a type");
        assertThrows(ConfigException.class, () -> s.change(NodeFile.CLUSTER,
                List.of(new KeywordChange("hb#1", "type", null, "disk"))));
        // a section or keyword the change would add is on no line of the file: none is named
        e = assertThrows(ConfigException.class, () -> s.change(NodeFile.CLUSTER,
                List.of(new KeywordChange("nosuch", "key", null, "1"))));
        assertTrue(e.getMessage().startsWith(conf + ": unknown section [nosuch], sections are "), e.getMessage());
        e = assertThrows(ConfigException.class, () -> s.change(NodeFile.CLUSTER,
                List.of(new KeywordChange("cluster", "nosuch", null, "1"))));
        assertEquals(conf + ": unknown keyword 'nosuch' in [cluster]", e.getMessage());
        assertEquals(before, Files.readString(conf), "refused changes leave the file as it was");

        s.change(NodeFile.CLUSTER, List.of(new KeywordChange("hb#1", "addr", "n2", null)));
        assertTrue(s.current().asNode("n2").get("hb#1", "addr").orElseThrow().equals("0.0.0.0"), "unset");

        Path node = root.resolve("etc/node.conf");
        s.change(NodeFile.NODE, List.of(new KeywordChange("node", "env", null, "PRD")));
        assertEquals("[node]\nenv = PRD\n", Files.readString(node), "a missing file is created");
        assertEquals("PRD", s.current().env());
    }

    /** Ten writers, each its own key, through two settings (as two processes would): every key lands. */
    @Test
    void concurrentSetsAllLand() throws Exception {
        file("etc/node.conf", "[node]\nenv = DEV\n");
        NodeSettingsImpl a = settings("n1");
        NodeSettingsImpl b = settings("n1");
        int n = 10;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                NodeSettingsImpl s = i % 2 == 0 ? a : b;
                String section = "stonith#n" + i;
                done.add(pool.submit(() -> {
                    go.await();
                    return s.change(NodeFile.NODE, List.of(new KeywordChange(section, "command", null,
                            "/bin/fence " + section)));
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        String text = Files.readString(root.resolve("etc/node.conf"));
        NodeConfig c = settings("n1").current();
        for (int i = 0; i < n; i++) {
            assertEquals("/bin/fence stonith#n" + i, c.get("stonith#n" + i, "command").orElse(null), text);
        }
        assertEquals("DEV", c.env());
    }

    /** Two daemons starting at once (threads of two settings readers): one identity, written once. */
    @Test
    void racingFirstStartsEndWithOneIdentity() throws Exception {
        file("etc/cluster.conf", "[cluster]\nname = c1\n");
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        Set<String> ids = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        try {
            List<Future<NodeConfig>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                NodeSettingsImpl s = settings("n1");
                done.add(pool.submit(() -> {
                    go.await();
                    return s.ensureIdentity();
                }));
            }
            go.countDown();
            for (Future<NodeConfig> f : done) {
                NodeConfig c = f.get(60, TimeUnit.SECONDS);
                ids.add(c.clusterId());
                secrets.add(c.secret());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, ids.size(), ids.toString());
        assertEquals(1, secrets.size());
        String text = Files.readString(root.resolve("etc/cluster.conf"));
        assertEquals(1, text.split("\nid = ", -1).length - 1, text);
        assertEquals(1, text.split("\nsecret = ", -1).length - 1, text);
        assertTrue(text.contains("id = " + ids.iterator().next() + "\n"), text);
    }

    @Test
    void listenersHearOfBothFiles() throws Exception {
        NodeSettingsImpl s = settings("n1");
        BlockingQueue<NodeConfig> seen = new ArrayBlockingQueue<>(10);
        try (AutoCloseable reg = s.onChange(seen::add)) {
            file("etc/cluster.conf", "[cluster]\nname = c9\n");
            NodeConfig c = seen.poll(5, TimeUnit.SECONDS);
            assertEquals("c9", c == null ? null : c.clusterName(), "cluster.conf noticed within 5 s");
            file("etc/node.conf", "[hb#1]\ntype = unicast\ntimeout = 7s\n");
            c = seen.poll(5, TimeUnit.SECONDS);
            assertEquals("7s", c == null ? null : c.get("hb#1", "timeout").orElse(null), "node.conf noticed");
            file("etc/node.conf", "[hb#1]\ntype = unicast\ntimeout = never\n");
            c = seen.poll(5, TimeUnit.SECONDS);
            assertEquals("7s", c == null ? null : c.get("hb#1", "timeout").orElse(null), "a bad change: kept");
            assertEquals(1, c.issues().size(), c.issues().toString());
        } finally {
            s.deactivate();
        }
    }

    /** In a daemon: the first start writes the identity; a live change that breaks a file is logged, once. */
    @Test
    void theDaemonWritesTheIdentityAndLogsABrokenChangeOnce() throws Exception {
        Path conf = file("etc/cluster.conf", "[cluster]\nname = c1\n");
        NodeSettingsImpl s = settings("n1");
        BlockingQueue<LogEvent> lines = new ArrayBlockingQueue<>(100);
        ActionLog log = lines::add;
        DaemonNodeConfig daemon = new DaemonNodeConfig(null, s, new InstallationImpl(root, "n1"), log);
        try {
            assertTrue(s.current().secret().matches("[0-9a-f]{32}"));
            String good = Files.readString(conf);
            Files.writeString(conf, good + "[hb#1]\ntype = unicast\nport = http\n");
            LogEvent e = lines.poll(5, TimeUnit.SECONDS);
            assertEquals(conf + ":7: hb#1.port: 'http' is not an integer; the last good version is used",
                    e == null ? null : e.message());
            assertEquals(Level.WARN, e.level());
            assertEquals("c1", s.current().clusterName(), "the last good version");
            Files.writeString(conf, good + "[hb#1]\ntype = unicast\nport = http\n\n");
            assertEquals(null, lines.poll(2500, TimeUnit.MILLISECONDS), "the same problem is logged once");
        } finally {
            daemon.deactivate();
            s.deactivate();
        }
    }
}
