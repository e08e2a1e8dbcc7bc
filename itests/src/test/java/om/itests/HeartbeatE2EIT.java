package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import om.api.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Two real daemons (separate JVMs, bin/omd of the distribution, two install roots, OM_NODENAME n1 and n2) joined
 * by the unicast heartbeat on 127.0.0.1: each one's node data reaches the other, objects aggregate across both,
 * a status change shows on the peer within a second, a SIGKILLed daemon leaves the view within its timeout and
 * rejoins when restarted, a stopped one announces maintenance, a stranger with the wrong secret is dropped and
 * counted, and a heartbeat added to cluster.conf runs without a restart. (Multi-node tests in network
 * namespaces: the lab's.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.HOST)
class HeartbeatE2EIT {
    private static final String SECRET = "6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c";
    private final List<Dist> started = new ArrayList<>();
    private Dist n1;
    private Dist n2;
    private int[] ports;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String conf(String secret, String nodes, String extra) {
        return "[cluster]\nname = c1\nnodes = " + nodes + "\nsecret = " + secret + "\n\n"
                + "[node]\nrejoin_grace_period = 60s\nmaintenance_grace_period = 60s\n\n"
                + "[hb#1]\ntype = unicast\naddr = 127.0.0.1\ninterval = 1s\ntimeout = 4s\n"
                + "port@n1 = " + ports[0] + "\nport@n2 = " + ports[1] + "\nport@n3 = " + ports[2] + "\n\n"
                + "[listener]\naddr = 127.0.0.1\nport@n1 = " + ports[3] + "\nport@n2 = " + ports[4]
                + "\nport@n3 = " + ports[5] + "\n" + extra;
    }

    private Dist node(String name, String conf) throws IOException {
        Dist d = new Dist(Dist.newRoot("hb-" + name), name);
        Files.createDirectories(d.root.resolve("etc"));
        Files.writeString(d.root.resolve("etc/cluster.conf"), conf);
        d.writeConf("web", "[DEFAULT]\nnodes = n1 n2\n\n[app#0]\ntype = simple\nstart = /bin/sleep 1000\n");
        return d;
    }

    private Dist start(Dist d) throws Exception {
        // listed first: a start that times out (a loaded host) may still leave a daemon to stop
        if (!started.contains(d)) {
            started.add(d);
        }
        d.startDaemon();
        return d;
    }

    @BeforeAll
    void setUp() throws Exception {
        Assumptions.assumeTrue(hasUnicastTransport(), "om.hb.unicast is not in deploy/ (branch hb not merged)");
        ports = new int[6];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = freePort();
        }
        n1 = node("n1", conf(SECRET, "n1 n2", ""));
        n2 = node("n2", conf(SECRET, "n1 n2", ""));
        start(n1);
        start(n2);
    }

    private static boolean hasUnicastTransport() throws IOException {
        Path deploy = Dist.defaultHome().resolve("deploy");
        try (Stream<Path> s = Files.list(deploy)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("om.hb.unicast"));
        }
    }

    @AfterAll
    void tearDown() throws Exception {
        for (Dist d : started) {
            appPid(d).ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            d.stopDaemon();
            daemonPid(d).ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    private static Optional<Long> appPid(Dist d) throws IOException {
        Path var = d.root.resolve("var/svc");
        if (!Files.isDirectory(var)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(var)) {
            Optional<Path> f = s.filter(p -> p.getFileName().toString().equals("pid")).findFirst();
            return f.isEmpty() ? Optional.empty()
                    : Optional.of(Long.parseLong(Files.readAllLines(f.get()).get(0).trim()));
        }
    }

    private static Optional<Long> daemonPid(Dist d) throws IOException {
        Path pid = d.root.resolve("var/omd.pid");
        return Files.exists(pid) ? Optional.of(Long.parseLong(Files.readString(pid).trim())) : Optional.empty();
    }

    private static JsonNode status(Dist d) throws Exception {
        Dist.Result r = d.om("daemon", "status", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        return Json.mapper().readTree(r.out());
    }

    private static JsonNode await(Dist d, String what, int seconds, Predicate<JsonNode> done) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        JsonNode s = status(d);
        while (!done.test(s) && System.currentTimeMillis() < end) {
            Thread.sleep(100);
            s = status(d);
        }
        assertTrue(done.test(s), d.node + ": " + what + " not reached in " + seconds + " s: " + s.path("monitor")
                .path("nodes").fieldNames().next() + " " + s.path("hb#1.rx"));
        return s;
    }

    private static JsonNode nodeData(JsonNode s, String node) {
        return s.path("monitor").path("nodes").path(node);
    }

    private static String nodeState(JsonNode s, String node) {
        return nodeData(s, node).path("monitor").path("state").asText();
    }

    private static String instanceAvail(JsonNode s, String node, String path) {
        return nodeData(s, node).path("services").path("status").path(path).path("avail").asText();
    }

    @Test
    @Order(1)
    void eachDaemonHasBothNodesDataAndTheObjectAggregatedAcrossThem() throws Exception {
        for (Dist d : List.of(n1, n2)) {
            String peer = d == n1 ? "n2" : "n1";
            JsonNode s = await(d, "both nodes idle, the peer beating", 60, j -> "idle".equals(nodeState(j, "n1"))
                    && "idle".equals(nodeState(j, "n2")) && j.path("hb#1.rx").path("peers").path(peer)
                    .path("beating").asBoolean() && !instanceAvail(j, peer, "web").isEmpty());
            assertEquals("running", s.path("hb#1.rx").path("state").asText());
            assertEquals("running", s.path("hb#1.tx").path("state").asText());
            assertTrue(s.path("hb#1.tx").path("peers").path(peer).path("beating").asBoolean());
            assertEquals("down", s.path("monitor").path("services").path("web").path("avail").asText());
            assertEquals(0, s.path("hb#1.rx").path("stats").path("errors").asLong(), s.path("hb#1.rx").toString());
            // where the node API listens (status.md section 8)
            assertEquals("{\"addr\":\"127.0.0.1\",\"port\":" + ports[d == n1 ? 3 : 4] + "}",
                    s.path("listener").path("config").toString());
            Dist.Result mon = d.om("mon");
            assertEquals(0, mon.exit(), mon.toString());
            assertTrue(mon.out().contains(" web "), mon.out());
        }
    }

    /**
     * A local start on n2 shows on n1 within a second of n2's own dataset showing it: changes are sent at once
     * after the commit, not at the next interval. (How fast n2's own dataset follows its action is the monitor's
     * local pickup, measured apart: bounded here by its 2 s scan.)
     */
    @Test
    @Order(2)
    void aStatusChangeOnOneNodeShowsOnTheOtherWithinASecond() throws Exception {
        Dist.Result r = n2.om("web", "start", "--local");
        assertEquals(0, r.exit(), r.toString());
        long t0 = System.nanoTime();
        long local = -1;
        long peer = -1;
        JsonNode s = null;
        while ((local < 0 || peer < 0) && System.nanoTime() - t0 < 10_000_000_000L) {
            if (local < 0 && "up".equals(instanceAvail(status(n2), "n2", "web"))) {
                local = (System.nanoTime() - t0) / 1_000_000;
            }
            s = status(n1);
            if (peer < 0 && "up".equals(instanceAvail(s, "n2", "web"))) {
                peer = (System.nanoTime() - t0) / 1_000_000;
            }
        }
        assertTrue(local >= 0 && peer >= 0, "n2 saw it after " + local + " ms, n1 after " + peer + " ms");
        // each poll is a whole om process (~100 ms here): the bound is the spec's 1 s plus one poll
        assertTrue(peer - Math.max(0, local) < 1200, "n2 saw it after " + local + " ms, n1 after " + peer + " ms");
        assertTrue(peer < 3500, "n1 saw it after " + peer + " ms");
        assertEquals("up", s.path("monitor").path("services").path("web").path("avail").asText());
        assertEquals(1, s.path("monitor").path("services").path("web").path("up_instances").asInt());
    }

    /** SIGKILL: n2 leaves n1's view within timeout + 1 s; restarted, it rejoins and its running app stays up. */
    @Test
    @Order(3)
    void aKilledDaemonLeavesTheViewAndRejoins() throws Exception {
        long pid = daemonPid(n2).orElseThrow();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        long t0 = System.nanoTime();
        JsonNode s = await(n1, "n2 gone", 20, j -> nodeData(j, "n2").isMissingNode());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 4000 + 1500, "death seen after " + ms + " ms");
        assertFalse(s.path("hb#1.rx").path("peers").path("n2").path("beating").asBoolean());
        assertEquals("down", s.path("monitor").path("services").path("web").path("avail").asText(),
                "n2's instance left the aggregation");
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            Thread.sleep(50);
        }
        start(n2);
        JsonNode back = await(n2, "n2 idle again with n1's data and its instance evaluated", 60,
                j -> "idle".equals(nodeState(j, "n2")) && !nodeData(j, "n1").isMissingNode()
                        && !instanceAvail(j, "n2", "web").isEmpty());
        assertFalse(nodeData(back, "n2").path("frozen").asBoolean(), "n1 answered within the rejoin grace");
        assertEquals("up", instanceAvail(back, "n2", "web"), "the app left running was not stopped");
        await(n1, "n2 back on n1", 20, j -> "up".equals(instanceAvail(j, "n2", "web")));
    }

    /**
     * A daemon that knows the cluster's name and members but not its secret, posing as n2: its messages to n1 fail
     * authentication, are dropped and counted, and the real n2 stays the one n1 shows.
     */
    /**
     * Garbage on the heartbeat port (random bytes, an HTTP request): each connection is dropped by the transport
     * and counted by the daemon ({@code dropped."bad frame"}, {@code stats.errors}),
     * logged once (one sender within a minute); the rx thread stays running without an alert and the peer beats.
     */
    @Test
    @Order(4)
    void garbageOnTheHeartbeatPortIsDroppedAndCountedAndTheDaemonLives() throws Exception {
        JsonNode s0 = status(n1);
        long before = s0.path("hb#1.rx").path("dropped").path("bad frame").asLong();
        long errors = s0.path("hb#1.rx").path("stats").path("errors").asLong();
        byte[] junk = new byte[50_000];
        new java.util.Random(9).nextBytes(junk);
        for (byte[] b : List.of(junk, "GET / HTTP/1.1\r\nHost: n1\r\n\r\n".getBytes())) {
            try (java.net.Socket raw = new java.net.Socket("127.0.0.1", ports[0])) {
                raw.getOutputStream().write(b);
                raw.getOutputStream().flush();
                Thread.sleep(300);
            } catch (IOException e) {
                // the transport may close it while we write: that is the point
            }
        }
        JsonNode s = await(n1, "the 2 garbage connections counted", 15,
                j -> j.path("hb#1.rx").path("dropped").path("bad frame").asLong() >= before + 2);
        assertEquals(before + 2, s.path("hb#1.rx").path("dropped").path("bad frame").asLong(),
                s.path("hb#1.rx").toString());
        assertTrue(s.path("hb#1.rx").path("stats").path("errors").asLong() >= errors + 2);
        assertEquals("running", s.path("hb#1.rx").path("state").asText());
        assertEquals(0, s.path("hb#1.rx").path("alerts").size(), s.path("hb#1.rx").toString());
        await(n1, "n2 still beating", 10, j -> j.path("hb#1.rx").path("peers").path("n2").path("beating")
                .asBoolean() && j.path("hb#1.tx").path("peers").path("n2").path("beating").asBoolean());
        long lines = Files.readAllLines(n1.root.resolve("log/node.log")).stream()
                .filter(l -> l.contains("hb#1.rx: dropped a message from 127.0.0.1: bad frame")).count();
        assertEquals(1, lines, "logged at most once a minute per sender");
    }

    @Test
    @Order(5)
    void aStrangerWithTheWrongSecretIsDroppedAndCounted() throws Exception {
        String own = conf("0123456789abcdef0123456789abcdef", "n1 n2", "")
                .replace("port@n2 = " + ports[1] + "\n", "port@n2 = " + freePort() + "\n")
                .replace("port@n2 = " + ports[4] + "\n", "port@n2 = " + freePort() + "\n");
        Dist stranger = new Dist(Dist.newRoot("hb-stranger"), "n2");
        Files.createDirectories(stranger.root.resolve("etc"));
        Files.writeString(stranger.root.resolve("etc/cluster.conf"), own);
        start(stranger);
        try {
            JsonNode s = await(n1, "the stranger's messages dropped", 30,
                    j -> j.path("hb#1.rx").path("dropped").path("wrong secret").asLong() > 0);
            assertTrue(s.path("hb#1.rx").path("stats").path("errors").asLong() > 0);
            assertEquals("up", instanceAvail(s, "n2", "web"), "n2's data is the real n2's");
            assertTrue(s.path("hb#1.rx").path("peers").path("n2").path("beating").asBoolean());
        } finally {
            stranger.stopDaemon();
        }
    }

    /** A heartbeat added to cluster.conf runs within seconds on both daemons, and goes when removed. */
    @Test
    @Order(6)
    void aHeartbeatAddedLiveRunsAndGoesWhenRemoved() throws Exception {
        int a = freePort();
        int b = freePort();
        String hb2 = "\n[hb#2]\ntype = unicast\naddr = 127.0.0.1\ninterval = 1s\ntimeout = 4s\nport@n1 = " + a
                + "\nport@n2 = " + b + "\n";
        for (Dist d : List.of(n1, n2)) {
            Files.writeString(d.root.resolve("etc/cluster.conf"), conf(SECRET, "n1 n2", hb2));
        }
        for (Dist d : List.of(n1, n2)) {
            String peer = d == n1 ? "n2" : "n1";
            await(d, "hb#2 beating", 30, j -> "running".equals(j.path("hb#2.rx").path("state").asText())
                    && j.path("hb#2.rx").path("peers").path(peer).path("beating").asBoolean());
        }
        for (Dist d : List.of(n1, n2)) {
            Files.writeString(d.root.resolve("etc/cluster.conf"), conf(SECRET, "n1 n2", ""));
        }
        for (Dist d : List.of(n1, n2)) {
            await(d, "hb#2 gone", 30, j -> j.path("hb#2.rx").isMissingNode());
        }
    }

    /** om daemon stop announces maintenance: the peer keeps its data, flagged, past the timeout. */
    @Test
    @Order(7)
    void aStoppedDaemonIsKeptInMaintenance() throws Exception {
        Dist.Result r = n2.om("daemon", "stop");
        assertEquals(0, r.exit(), r.toString());
        await(n1, "n2 in maintenance", 10, j -> "maintenance".equals(nodeState(j, "n2")));
        Thread.sleep(4000 + 2000);
        JsonNode s = status(n1);
        assertFalse(s.path("hb#1.rx").path("peers").path("n2").path("beating").asBoolean(), "n2 is silent");
        assertEquals("maintenance", nodeState(s, "n2"), "kept for the maintenance grace period");
        assertEquals("up", instanceAvail(s, "n2", "web"));
    }
}
