package om.daemon.internal.replication;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import om.api.Kind;
import om.api.ObjectPath;
import om.api.cli.DaemonControl;
import om.api.config.ObjectConfig;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;
import om.daemon.internal.http.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replicator of n1 against the real node API of n2 (TLS, basic auth, pinning), with a cluster view made of
 * both nodes' files as the monitor publishes them (configs with scope, checksum and mtime; tombstones).
 */
class ReplicatorTest {
    static final String SECRET = "6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c";
    static final ObjectPath WEB = new ObjectPath("ns1", Kind.SVC, "web");

    @TempDir
    Path tmp;
    TestNode n1;
    TestNode n2;
    Replicator replicator;
    final List<String> lines = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        n1 = new TestNode(tmp.resolve("n1"), "n1").start();
        n2 = new TestNode(tmp.resolve("n2"), "n2").start();
        String conf = "[cluster]\nname = c1\nnodes = n1 n2\nsecret = " + SECRET + "\n\n[listener]\naddr = 127.0.0.1\n"
                + "port@n1 = " + n1.port + "\nport@n2 = " + n2.port + "\n";
        for (TestNode n : List.of(n1, n2)) {
            Files.writeString(n.root.resolve("etc/cluster.conf"), conf);
        }
    }

    void startReplicator() {
        replicator = new Replicator(view(), n1.store, n1.peers, n1.installation);
        replicator.bindLog(e -> lines.add(e.level() + " " + e.message()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (replicator != null) {
            replicator.deactivate();
        }
        n1.close();
        n2.close();
    }

    /** n1's cluster view: both nodes' data, read from their files at each call. */
    DaemonControl view() {
        return new DaemonControl() {
            @Override
            public DaemonStatus status() {
                Map<String, NodeData> nodes = new HashMap<>();
                for (TestNode n : List.of(n1, n2)) {
                    nodes.put(n.name, data(n));
                }
                return new DaemonStatus(new ClusterIdentity("c1", "id", List.of("n1", "n2"), false), Map.of(), nodes,
                        Map.of());
            }

            @Override
            public DaemonEvents events() {
                throw new UnsupportedOperationException("no event stream: the replicator polls");
            }

            @Override
            public void stop() {
            }
        };
    }

    static NodeData data(TestNode n) {
        Map<String, ObjectConfigSummary> configs = new HashMap<>();
        for (ObjectPath p : n.store.list()) {
            ObjectConfig c = n.store.load(p).orElseThrow();
            configs.put(p.canonical(), new ObjectConfigSummary(c.getList("DEFAULT", "nodes"), c.checksum(), c.mtime()));
        }
        Map<String, Instant> deleted = new HashMap<>();
        Path dir = n.root.resolve("var/deleted");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isRegularFile).forEach(f -> {
                    try {
                        deleted.put(dir.relativize(f).toString(), Files.getLastModifiedTime(f).toInstant());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new NodeData(null, false, null, Instant.now(), Map.of(), null, Map.of(), configs, Map.of(), Map.of(),
                deleted);
    }

    static void await(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + 15_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    boolean sameFile() {
        try {
            Path a = n1.store.configFile(WEB);
            Path b = n2.store.configFile(WEB);
            return Files.exists(a) && java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b))
                    && Files.getLastModifiedTime(a).equals(Files.getLastModifiedTime(b));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void aCreateAChangeAndADeleteOnAPeerReachThisNode() throws Exception {
        startReplicator();
        n2.store.install(WEB, "[DEFAULT]\nnodes = n1 n2\n");
        await("the create", this::sameFile);
        await("its log line", () -> lines.stream().anyMatch(l -> l.startsWith("INFO replication: ns1/svc/web: "
                + "installed the version of n2 (mtime ")));

        n2.store.change(WEB, List.of(new om.api.config.KeywordChange("DEFAULT", "env", null, "PRD")));
        await("the change", () -> sameFile() && n1.store.load(WEB).orElseThrow().getOrDefault("DEFAULT", "env", "")
                .equals("PRD"));

        n2.store.delete(WEB);
        Instant deletedAt = n2.store.deletedAt(WEB).orElseThrow();
        await("the delete", () -> !n1.store.exists(WEB));
        assertEquals(deletedAt, n1.store.deletedAt(WEB).orElseThrow(), "n1's tombstone (written first) says when n2 "
                + "deleted it");
        Thread.sleep(2500);
        assertFalse(n1.store.exists(WEB), "not brought back");
    }

    @Test
    void anObjectWhoseScopeHasNotThisNodeStaysAway() throws Exception {
        startReplicator();
        n2.store.install(WEB, "[DEFAULT]\nnodes = n2\n");
        n2.store.install(new ObjectPath("ns1", Kind.SVC, "both"), "[DEFAULT]\nnodes = n2 n1\n");
        await("the object of both", () -> n1.store.exists(new ObjectPath("ns1", Kind.SVC, "both")));
        assertFalse(n1.store.exists(WEB));
    }

    @Test
    void aNodeRemovedFromTheNodesRemovesItsCopyWithoutATombstone() throws Exception {
        n1.store.install(WEB, "[DEFAULT]\nnodes = n1 n2\n");
        Files.copy(n1.store.configFile(WEB), mkdirs(n2.store.configFile(WEB)));
        Files.setLastModifiedTime(n2.store.configFile(WEB), Files.getLastModifiedTime(n1.store.configFile(WEB)));
        Files.createDirectories(n1.installation.varDir(WEB));
        startReplicator();
        Thread.sleep(1500);
        n2.store.change(WEB, List.of(new om.api.config.KeywordChange("DEFAULT", "nodes", null, "n2")));
        await("the removal", () -> !n1.store.exists(WEB));
        await("its log line", () -> lines.contains("INFO ns1/svc/web: config removed, this node left its scope "
                + "(newer config of n2)"));
        assertTrue(n1.store.deletedAt(WEB).isEmpty(), "no tombstone: it would delete the object on n2");
        assertFalse(Files.exists(n1.installation.varDir(WEB)), "its var dir goes too");
        Thread.sleep(2500);
        assertTrue(n2.store.exists(WEB), "the object lives on in its scope");
        assertFalse(n1.store.exists(WEB), "not brought back");
        assertEquals(1, lines.stream().filter(l -> l.contains("config removed")).count(), lines.toString());
    }

    @Test
    void aRunningActionDelaysTheRemovalOfACopyOutOfScope() throws Exception {
        n1.store.install(WEB, "[DEFAULT]\nnodes = n1 n2\n");
        Files.copy(n1.store.configFile(WEB), mkdirs(n2.store.configFile(WEB)));
        Files.setLastModifiedTime(n2.store.configFile(WEB), Files.getLastModifiedTime(n1.store.configFile(WEB)));
        Path lock = n1.installation.varDir(WEB).resolve(om.core.internal.action.ObjectLocks.ACTION_LOCK_FILE);
        startReplicator();
        try (om.core.internal.action.ObjectLocks.Held held = new om.core.internal.action.ObjectLocks().acquire(
                lock, WEB.canonical(), "start", "sess", java.time.Duration.ZERO)) {
            n2.store.change(WEB, List.of(new om.api.config.KeywordChange("DEFAULT", "nodes", null, "n2")));
            await("the refusal's line", () -> lines.stream().anyMatch(l -> l.startsWith("WARN replication: "
                    + "ns1/svc/web: cannot remove the config this node left the scope of: ")));
            Thread.sleep(2500);
            assertTrue(n1.store.exists(WEB), "never under a running action");
            assertEquals(1, lines.stream().filter(l -> l.startsWith("WARN")).count(), "said once: " + lines);
        }
        await("the removal once the action is over", () -> !n1.store.exists(WEB));
        assertTrue(n1.store.deletedAt(WEB).isEmpty());
    }

    @Test
    void aDeletedObjectIsNotBroughtBackByAPeerThatStillHasIt() throws Exception {
        n1.store.install(WEB, "[DEFAULT]\nnodes = n1 n2\n");
        Files.copy(n1.store.configFile(WEB), mkdirs(n2.store.configFile(WEB)));
        Files.setLastModifiedTime(n2.store.configFile(WEB), Files.getLastModifiedTime(n1.store.configFile(WEB)));
        n1.store.delete(WEB);
        startReplicator();
        Thread.sleep(2500);
        assertFalse(n1.store.exists(WEB));
        assertTrue(lines.isEmpty(), lines.toString());
    }

    @Test
    void concurrentChangesEndOnTheNewerAndTheLoserIsLogged() throws Exception {
        n1.store.install(WEB, "[DEFAULT]\nnodes = n1 n2\n");
        Files.copy(n1.store.configFile(WEB), mkdirs(n2.store.configFile(WEB)));
        Files.setLastModifiedTime(n2.store.configFile(WEB), Files.getLastModifiedTime(n1.store.configFile(WEB)));
        startReplicator();
        Thread.sleep(1500);
        // both change v0 before hearing of the other; n2's change is the newer one
        n1.store.change(WEB, List.of(new om.api.config.KeywordChange("DEFAULT", "env", null, "DEV")));
        n2.store.change(WEB, List.of(new om.api.config.KeywordChange("DEFAULT", "env", null, "PRD")));
        Instant t = Instant.now();
        Files.setLastModifiedTime(n1.store.configFile(WEB), FileTime.from(t.minusSeconds(5)));
        Files.setLastModifiedTime(n2.store.configFile(WEB), FileTime.from(t));
        await("n2's change", this::sameFile);
        assertEquals("PRD", n1.store.load(WEB).orElseThrow().getOrDefault("DEFAULT", "env", ""));
        await("the loser's line", () -> lines.stream().anyMatch(l -> l.startsWith("WARN replication: ns1/svc/web: "
                + "the local change (mtime " + t.minusSeconds(5) + ") loses to the newer one of n2")));
    }

    @Test
    void aViewThatStaysTheSameCostsNoPassAndAChangeMakesOne() throws Exception {
        n1.store.install(WEB, "[DEFAULT]\nnodes = n1 n2\n");
        Files.copy(n1.store.configFile(WEB), mkdirs(n2.store.configFile(WEB)));
        Files.setLastModifiedTime(n2.store.configFile(WEB), Files.getLastModifiedTime(n1.store.configFile(WEB)));
        startReplicator();
        await("the first pass", () -> replicator.passes() == 1);
        // the view is read every second: three looks at the same summaries and deletions
        Thread.sleep(3200);
        assertEquals(1, replicator.passes(), "no pass while nothing changed");
        n2.store.change(WEB, List.of(new om.api.config.KeywordChange("DEFAULT", "env", null, "PRD")));
        await("the change", this::sameFile);
        assertTrue(replicator.passes() >= 2);
    }

    static Path mkdirs(Path file) throws java.io.IOException {
        Files.createDirectories(file.getParent());
        return file;
    }
}
