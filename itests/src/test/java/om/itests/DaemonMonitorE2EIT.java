package om.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import om.api.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 8 item 5, on the real bin/om and bin/omd: the daemon's monitor re-evaluates instances on their
 * status_schedule and at daemon start, so a killed app shows down, and a cache left by a killed daemon is corrected.
 */
@ResourceLock(Serial.HOST)
class DaemonMonitorE2EIT {
    private Dist dist;

    @BeforeEach
    void setUp() throws Exception {
        dist = new Dist(Dist.newRoot("mon"), "mon1");
        dist.writeConf("web", "[DEFAULT]\nnodes = mon1\nstatus_schedule = @2s\nmonitor_schedule = @2s\n\n"
                + "[app#0]\ntype = simple\nstart = /bin/sleep 1000\n");
    }

    @AfterEach
    void tearDown() throws Exception {
        appPid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        dist.stopDaemon();
        daemonPid().ifPresent(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private Optional<Long> appPid() throws Exception {
        Path var = dist.root.resolve("var");
        if (!Files.isDirectory(var)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(var)) {
            Optional<Path> f = s.filter(p -> p.getFileName().toString().equals("pid")).findFirst();
            if (f.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readAllLines(f.get()).get(0).trim()));
        }
    }

    private Optional<Long> daemonPid() throws Exception {
        Path pid = dist.root.resolve("var/omd.pid");
        return Files.exists(pid) ? Optional.of(Long.parseLong(Files.readString(pid).trim())) : Optional.empty();
    }

    private String avail() throws Exception {
        return StatusJson.of(dist, "web").avail();
    }

    private String awaitAvail(String expected, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        String a = avail();
        while (!a.equals(expected) && System.currentTimeMillis() < end) {
            Thread.sleep(250);
            a = avail();
        }
        return a;
    }

    private static void kill(long pid) throws Exception {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        long end = System.currentTimeMillis() + 10000;
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
    }

    @Test
    void aKilledAppShowsDownInPrintStatusLsAndMonWithinSeconds() throws Exception {
        dist.startDaemon();
        Dist.Result r = dist.om("web", "start");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("up", awaitAvail("up", 10));
        long pid = appPid().orElseThrow();
        kill(pid);
        assertEquals("down", awaitAvail("down", 10), "print status still shows the killed app up");
        // print status evaluates at once; the selector reads the daemon's view, which takes the change a moment later
        long end = System.currentTimeMillis() + 10000;
        r = dist.om("web", "ls", "--status", "down");
        while (!r.out().equals("web\n") && System.currentTimeMillis() < end) {
            Thread.sleep(250);
            r = dist.om("web", "ls", "--status", "down");
        }
        assertEquals("web\n", r.out(), r.toString());
        r = dist.om("mon", "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        JsonNode doc = Json.mapper().readTree(r.out());
        assertEquals("down", doc.path("monitor").path("services").path("web").path("avail").asText(), r.out());
        assertEquals("running", doc.path("scheduler").path("state").asText(), r.out());
        assertEquals("running", doc.path("monitor").path("state").asText(), r.out());
        r = dist.om("mon");
        assertTrue(r.out().matches("(?s).*\\n web +down +failover +\\| X\\^?\\n.*"), r.toString());
    }

    private String monCell() throws Exception {
        Dist.Result r = dist.om("mon", "--sections", "services");
        for (String line : r.out().split("\n")) {
            if (line.startsWith(" web ")) {
                return line.substring(line.indexOf('|') + 1).strip();
            }
        }
        return "";
    }

    private String awaitCell(String expected) throws Exception {
        long end = System.currentTimeMillis() + 15000;
        String c = monCell();
        while (!c.equals(expected) && System.currentTimeMillis() < end) {
            Thread.sleep(250);
            c = monCell();
        }
        return c;
    }

    /** Issue 8 item 12: a frozen instance is not a placement candidate, so om mon shows no leader marker on it. */
    @Test
    void aFrozenInstanceLosesTheLeaderMarker() throws Exception {
        dist.startDaemon();
        Dist.Result r = dist.om("web", "start");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("O^", awaitCell("O^"));
        // the instance flag InstanceFlags writes on freeze
        Files.writeString(dist.root.resolve("var/svc/web/frozen"), "");
        assertEquals("O*", awaitCell("O*"));
        Files.delete(dist.root.resolve("var/svc/web/frozen"));
        assertEquals("O^", awaitCell("O^"));
    }

    @Test
    void afterADaemonKill9TheStatusIsEvaluatedAgainAtStart() throws Exception {
        // a cache saying down, while the app is up: what a daemon killed before it re-evaluated leaves
        dist.writeConf("web", "[DEFAULT]\nnodes = mon1\n\n[app#0]\ntype = simple\nstart = /bin/sleep 1000\n");
        dist.startDaemon();
        Dist.Result r = dist.om("web", "start");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("up", awaitAvail("up", 10));
        long daemon = daemonPid().orElseThrow();
        Path cache;
        try (Stream<Path> s = Files.walk(dist.root.resolve("var"))) {
            cache = s.filter(p -> p.getFileName().toString().equals("status.json")).findFirst().orElseThrow();
        }
        kill(daemon);
        String text = Files.readString(cache);
        Files.writeString(cache, text.replace("\"avail\":\"up\"", "\"avail\":\"down\"")
                .replace("\"status\":\"up\"", "\"status\":\"down\""));
        Files.delete(dist.root.resolve("var/omd.pid"));
        Files.deleteIfExists(dist.root.resolve("var/lsnr/cli.sock"));
        dist.startDaemon();
        // the default status_schedule is 10 minutes: only the evaluation at start can correct it in time
        assertEquals("up", awaitAvail("up", 15), "the cache of the killed daemon was served after the restart");
        List<String> lines = Files.readAllLines(cache);
        assertTrue(String.join("\n", lines).contains("\"avail\":\"up\""), lines.toString());
    }
}
