package om.shell.internal.verb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import om.api.Installation;
import om.api.node.NodeConfig;
import om.core.internal.driver.DriverRegistryImpl;
import om.core.internal.keywords.KeywordCatalogImpl;
import om.core.internal.node.InstallationImpl;
import om.core.internal.node.NodeSettingsImpl;
import om.core.internal.store.ObjectStoreImpl;
import om.shell.internal.Fakes;
import om.shell.internal.OmCommandRunner;
import om.shell.internal.Services;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** om cluster|node print config, set, unset, config validate, node freeze|thaw on a real install root. */
class NodeConfigVerbsTest {
    @TempDir
    Path root;

    private NodeSettingsImpl settings;
    private OmCommandRunner runner;

    @BeforeEach
    void setUp() {
        Installation inst = new InstallationImpl(root, "n1");
        DriverRegistryImpl drivers = new DriverRegistryImpl();
        settings = new NodeSettingsImpl(inst, drivers);
        ObjectStoreImpl store = new ObjectStoreImpl(inst, drivers, settings);
        runner = new OmCommandRunner(new Services(inst, store, null, null, drivers, () -> null, () -> null,
                () -> null, () -> null, () -> null, () -> new KeywordCatalogImpl(drivers), () -> settings, () -> null));
    }

    private Fakes.Call om(int expected, String... args) {
        Fakes.Call c = new Fakes.Call();
        int rc = Fakes.run(runner, c, args);
        assertEquals(expected, rc, String.join(" ", args) + "\nout: " + c.out() + "\nerr: " + c.err());
        return c;
    }

    private Path conf(String name, String text) throws IOException {
        Path p = root.resolve("etc").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void setPrintUnsetCluster() throws IOException {
        Path conf = conf("cluster.conf", "# the lab\n[cluster]\nname = c1\nsecret = 0123456789abcdef0123456789abcdef\n"
                + "\n[hb#1]\ntype = unicast\n");
        om(0, "cluster", "set", "--kw", "hb#1.timeout=5s", "--kw", "hb#1.addr@n2=10.0.0.2");
        String text = Files.readString(conf);
        assertEquals("# the lab\n[cluster]\nname = c1\nsecret = 0123456789abcdef0123456789abcdef\n\n[hb#1]\n"
                + "type = unicast\ntimeout = 5s\naddr@n2 = 10.0.0.2\n", text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
        NodeConfig c = settings.current();
        assertEquals("5s", c.get("hb#1", "timeout").orElseThrow());
        assertEquals("10.0.0.2", c.asNode("n2").get("hb#1", "addr").orElseThrow());

        assertEquals(text, om(0, "cluster", "print", "config").out(), "as written, the secret too");
        String json = om(0, "cluster", "print", "config", "--format", "json").out();
        assertTrue(json.contains("\"hb#1\" : {\n    \"type\" : \"unicast\",\n    \"timeout\" : \"5s\",\n"
                + "    \"addr@n2\" : \"10.0.0.2\"\n  }"), json);
        assertTrue(om(0, "cluster", "print", "config", "--format", "flat_json").out()
                .contains("cluster.name = c1\n"));

        om(0, "cluster", "unset", "--kw", "hb#1.addr@n2");
        assertFalse(Files.readString(conf).contains("addr@n2"));
        assertEquals("0.0.0.0", settings.current().asNode("n2").get("hb#1", "addr").orElseThrow());
    }

    @Test
    void setRefusesWhatWouldNotValidateAndLeavesTheFile() throws IOException {
        Path conf = conf("cluster.conf", "[cluster]\nname = c1\n[hb#1]\ntype = unicast\n");
        String before = Files.readString(conf);
        // the lines a refused change would add are no lines of the file: none is named
        Fakes.Call c = om(1, "cluster", "set", "--kw", "hb#1.timeout=soon");
        assertEquals("error: " + conf + ": hb#1.timeout: 'soon' is not a duration (like 30s, 1h30m)\n", c.err());
        c = om(1, "cluster", "set", "--kw", "hb#2.type=disk");
        assertEquals("error: " + conf + ": hb#2.type: 'disk' is not one of: unicast, multicast\n", c.err());
        c = om(1, "cluster", "set", "--kw", "cluster.nmae=x");
        assertEquals("error: " + conf + ": unknown keyword 'nmae' in [cluster]\n", c.err());
        c = om(1, "cluster", "set", "--kw", "nosuch.key=1");
        assertTrue(c.err().startsWith("error: " + conf + ": unknown section [nosuch], sections are "), c.err());
        // a keyword written in the file and given a bad value: its line
        c = om(1, "cluster", "set", "--kw", "hb#1.type=disk");
        assertEquals("error: " + conf + ":4: hb#1.type: 'disk' is not one of: unicast, multicast\n", c.err());
        c = om(2, "cluster", "set", "--kw", "name=c2");
        assertEquals("error: invalid --kw 'name=c2': expected <section>.<key>[@<scope>]=<value>"
                + " (e.g. hb#1.timeout=20s)\n", c.err());
        c = om(2, "cluster", "set");
        assertEquals("error: cluster set needs at least one --kw\n", c.err());
        c = om(2, "cluster", "set", "--kw", "cluster.name=c2", "--force");
        assertEquals("error: unknown option '--force' for 'cluster set'\n", c.err());
        c = om(2, "web", "cluster", "set", "--kw", "cluster.name=c2");
        assertEquals(before, Files.readString(conf));
    }

    @Test
    void nodeSetPrintUnset() throws IOException {
        om(0, "node", "set", "--kw", "node.env=PRD", "--kw", "node.max_parallel@n1=4");
        Path conf = root.resolve("etc/node.conf");
        assertEquals("[node]\nenv = PRD\nmax_parallel@n1 = 4\n", Files.readString(conf));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(conf)));
        assertEquals("PRD", settings.current().env());
        assertEquals(4, settings.current().getInt("node", "max_parallel", 0));
        assertEquals("[node]\nenv = PRD\nmax_parallel@n1 = 4\n", om(0, "node", "print", "config").out());
        om(0, "node", "unset", "--kw", "node.env");
        assertEquals("TST", settings.current().env());
        assertEquals("error: invalid --kw 'node.env=x': unset takes [<section>.]<key>[@<scope>], no value\n",
                om(2, "node", "unset", "--kw", "node.env=x").err());
        assertEquals("", om(0, "cluster", "print", "config").out(), "no cluster.conf: nothing");
    }

    @Test
    void validateReportsEachProblemWithFileAndLine() throws IOException {
        Path conf = conf("cluster.conf", "[cluster]\nname = c1\n[hb#1]\ntype = bogus\n[pool#1]\n");
        Fakes.Call c = om(1, "cluster", "config", "validate");
        assertEquals("error: " + conf + ":4: hb#1.type: 'bogus' is not one of: unicast, multicast\n"
                + "error: " + conf + ":5: unknown section [pool#1], sections are [cluster] [node] [hb#<n>]"
                + " [arbitrator#<n>] [stonith#<node>] [listener] [syslog] [log]\n", c.err());
        assertEquals("", c.out());
        Path node = conf("node.conf", "[node]\nsplit_action = reboot\n");
        assertEquals("", om(0, "node", "config", "validate").err());
        conf("node.conf", "[node]\nsplit_action = rebooot\n");
        assertEquals("error: " + node + ":2: node.split_action: 'rebooot' is not one of: crash, reboot, disabled\n",
                om(1, "node", "config", "validate").err());
    }

    @Test
    void freezeAndThawAreIdempotent() throws IOException {
        Path flag = root.resolve("var/node/frozen");
        assertEquals(String.format("%-23s now frozen%n", "n1"), om(0, "node", "freeze").out());
        assertTrue(Files.exists(flag));
        FileTime at = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(flag, at);
        assertEquals(String.format("%-23s already frozen%n", "n1"), om(0, "node", "freeze").out());
        assertEquals(at, Files.getLastModifiedTime(flag), "a second freeze keeps the time of the first");
        assertEquals(String.format("%-23s now unfrozen%n", "n1"), om(0, "node", "thaw").out());
        assertFalse(Files.exists(flag));
        assertEquals(String.format("%-23s already unfrozen%n", "n1"), om(0, "node", "unfreeze").out());
        assertEquals("error: unknown option '--local' for 'node freeze'\n", om(2, "node", "freeze", "--local").err());
    }

    @Test
    void helpListsTheVerbs() {
        String help = om(0, "help").out();
        for (String v : List.of("cluster print config", "cluster set", "cluster unset", "cluster config validate",
                "node print config", "node set", "node unset", "node config validate", "node freeze", "node thaw")) {
            assertTrue(help.contains("\n  " + v + " "), v + " in\n" + help);
        }
        assertTrue(om(0, "cluster", "set", "--help").out().contains("--kw <section>.<key>[@<scope>]=<value>"));
    }

    /** Ten writers at once, each its own key: every one lands (read-modify-write under the config lock). */
    @Test
    void concurrentSetsAllLand() throws Exception {
        conf("cluster.conf", "[cluster]\nname = c1\n");
        int n = 10;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Fakes.Call>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String kw = "arbitrator#a" + i + ".uri=https://arb" + i + ":1215";
                done.add(pool.submit(() -> {
                    go.await();
                    return om(0, "cluster", "set", "--kw", kw);
                }));
            }
            go.countDown();
            for (Future<Fakes.Call> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        NodeConfig c = settings.current();
        for (int i = 0; i < n; i++) {
            assertEquals("https://arb" + i + ":1215", c.get("arbitrator#a" + i, "uri").orElse(null),
                    Files.readString(root.resolve("etc/cluster.conf")));
        }
        assertEquals("c1", c.clusterName());
    }

    @Test
    void configDocShowsTheTablesHeartbeatsPerType() {
        String doc = om(0, "cluster", "config", "doc").out();
        assertTrue(doc.startsWith("[cluster]\n  name\n    type: string, default: default, not scopable\n"), doc);
        assertTrue(doc.contains("[hb#<n>] type unicast\n"), doc);
        assertTrue(doc.contains("  addr\n    type: string, default: 224.3.29.71\n"), doc);
        assertTrue(doc.contains("[stonith#<node>]\n  command\n    type: command, default: -, required\n"), doc);
        assertEquals(doc, om(0, "node", "config", "doc").out(), "both files take the same sections");
        assertEquals("[hb#<n>] type unicast\n  addr\n    type: string, default: 0.0.0.0\n",
                om(0, "cluster", "config", "doc", "--kw", "hb#1.addr").out().lines().limit(3)
                        .map(l -> l + "\n").reduce("", String::concat));
        assertTrue(om(0, "cluster", "config", "doc", "--kw", "hb.nodes").out().contains("type unicast"));
        assertFalse(om(0, "cluster", "config", "doc", "--kw", "hb.nodes").out().contains("type multicast"));
        assertEquals("error: no keyword 'nosuch' in section 'node'\n",
                om(1, "node", "config", "doc", "--kw", "node.nosuch").err());
        assertTrue(om(1, "node", "config", "doc", "--kw", "pool.x").err().startsWith("error: unknown section 'pool'"));
    }
}
