package om.itests.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import om.itests.Serial;

/**
 * Issue 11, sync resources (heartbeats-and-daemon.md section 8), on three real daemons in om-lab, each node with its
 * own private {@code /srv} and sshd: the object sy1 has {@code nodes = n1 n2}, {@code drpnodes = n3}, an app that is
 * up on n1 only, and {@code sync#1} (rsync of {@code /srv/sy1/} to the same folder, {@code target = nodes drpnodes}).
 * {@code om sy1 sync nodes|drp|all} copies over the lab's real ssh, from n1 only; the copies are read in the nodes'
 * data folders from the host. The methods run in order, on the one object: a sync where the instance is not up,
 * the status before any sync, the copies, then the status after them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Serial.LAB)
class SyncLabIT {
    static final Duration FORMED = Duration.ofSeconds(60);
    static final Duration REPLICATED = Duration.ofSeconds(40);
    static final Duration SEEN = Duration.ofSeconds(15);
    static final String WAIT = "--time=60s";
    static final String OBJ = "sy1";
    static final String RID = "sync#1";
    static final String SKIP = "skip: the instance is not up on this node";
    static Lab lab;
    static AppJournal apps;

    @BeforeAll
    static void up() throws Exception {
        lab = Lab.upFormed(3, FORMED);
        apps = new AppJournal(lab.labRoot().resolve("apps"), lab.nodes());
        String config = apps.config(List.of("n1", "n2"), "drpnodes = n3\norchestrate = no\n", "true")
                + "\n[" + RID + "]\ntype = rsync\nsrc = /srv/" + OBJ + "/\ndst = /srv/" + OBJ + "/\n"
                // @0: never scheduled (the default sync_schedule, 04:00-06:00, would copy to n3 behind the tests)
                + "target = nodes drpnodes\nschedule = @0\n";
        Path cfg = apps.dir.resolve(OBJ + ".conf");
        Files.writeString(cfg, config);
        ok("n1", OBJ, "create", "--config", cfg.toString());
        // the config reaches the drp node too (config scope: nodes then drpnodes)
        for (String n : lab.nodes()) {
            Path f = lab.root(n).resolve("etc/" + OBJ + ".conf");
            long end = System.nanoTime() + REPLICATED.toNanos();
            while (!Files.exists(f) && System.nanoTime() < end) {
                Thread.sleep(200);
            }
            assertTrue(Files.exists(f), OBJ + "'s config reached " + n);
        }
        for (String viewer : List.of("n1", "n2")) {
            lab.awaitStatus(viewer, REPLICATED, "showing the instances of " + OBJ + " on n1 and n2", s ->
                    !instance(s, "n1", OBJ).isMissingNode()
                            && !instance(s, "n2", OBJ).isMissingNode());
        }
        ok("n2", OBJ, "start", "--wait", WAIT);
        long end = System.nanoTime() + SEEN.toNanos();
        while (!apps.up(OBJ).equals(Set.of("n1")) && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertEquals(Set.of("n1"), apps.up(OBJ), "the app runs on the leader n1 only; journal " + apps.entries(OBJ));
        // the data of n1, in its private /srv
        Path d = lab.data("n1").resolve(OBJ);
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("a.txt"), "alpha\n");
        Files.writeString(d.resolve("sub/b.txt"), "beta\n");
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    // ---- helpers

    /** {@code om <args>} on node; fails unless exit 0. */
    static Lab.Result ok(String node, String... args) throws Exception {
        Lab.Result r = lab.om(node, args);
        assertEquals(0, r.exit(), "om " + String.join(" ", args) + " on " + node + ": " + r);
        return r;
    }

    /** The instance of name on node in a daemon status document. */
    static JsonNode instance(JsonNode status, String node, String name) {
        return status.path("monitor").path("nodes").path(node).path("services").path("status").path(name);
    }

    /** The file at rel under the node's /srv, seen from the host (null when absent). */
    static String file(String node, String rel) throws IOException {
        Path f = lab.data(node).resolve(rel);
        return Files.isRegularFile(f) ? Files.readString(f) : null;
    }

    /** The resource document of rid in a local instance document. */
    static JsonNode resource(JsonNode instance, String rid) {
        return instance.path("resources").path(rid);
    }

    static String status(JsonNode resource) {
        return resource.path("status").asText("");
    }

    /** The messages of the resource's log entries, each as {@code level: message}. */
    static List<String> log(JsonNode resource) {
        List<String> out = new ArrayList<>();
        resource.path("log").forEach(e -> out.add(e.path("level").asText() + ": " + e.path("message").asText()));
        return out;
    }

    /**
     * Polls {@code om <obj> print status --format json} on node until the resource rid of its local instance passes
     * test; fails with the last document at the deadline.
     */
    static JsonNode awaitResource(String node, String obj, String rid, Duration within, String what,
                                  Predicate<JsonNode> test) throws Exception {
        long end = System.nanoTime() + within.toNanos();
        JsonNode last;
        do {
            last = lab.instanceStatus(node, obj, false);
            if (last != null && test.test(resource(last, rid))) {
                return resource(last, rid);
            }
            Thread.sleep(250);
        } while (System.nanoTime() < end);
        throw new AssertionError(node + ": " + obj + " " + rid + " not " + what + " within " + within
                + "; last local instance:\n" + last);
    }

    /** {@code <vardir>/<rid>/last_sync_<peer>} of the object on node. */
    static Path lastSync(String node, String peer) {
        return lab.root(node).resolve("var/svc/" + OBJ + "/" + RID + "/last_sync_" + peer);
    }

    // ---- the tests

    @Test
    @Order(1)
    void aSyncWhereTheInstanceIsNotUpSkipsWithExitZeroAndCopiesNothing() throws Exception {
        Path n2 = lab.data("n2").resolve(OBJ);
        Files.createDirectories(n2);
        Files.writeString(n2.resolve("only-n2.txt"), "n2's\n");
        for (String node : List.of("n2", "n3")) {
            Lab.Result r = lab.om(node, OBJ, "sync", "all");
            assertEquals(0, r.exit(), "sync all on " + node + ": " + r);
            assertTrue((r.out() + r.err()).contains(SKIP), "sync all on " + node + " says it skips: " + r);
        }
        assertEquals(null, file("n1", OBJ + "/only-n2.txt"), "n2 copied nothing to n1");
        assertEquals(null, file("n3", OBJ + "/only-n2.txt"), "n2 copied nothing to n3");
        assertEquals(null, file("n2", OBJ + "/a.txt"), "nothing came from n1 either");
        assertEquals("n2's\n", file("n2", OBJ + "/only-n2.txt"));
        assertFalse(Files.exists(lab.data("n3").resolve(OBJ)), "n3's /srv untouched");
        for (String peer : List.of("n1", "n3")) {
            assertFalse(Files.exists(lastSync("n2", peer)), "no last sync recorded on n2 for " + peer);
        }
    }

    @Test
    @Order(2)
    void beforeAnySyncTheUpInstanceWarnsNeverSyncedPerPeerAndTheOthersAreNa() throws Exception {
        JsonNode r = awaitResource("n1", OBJ, RID, SEEN, "warn with n2 and n3 never synced",
                res -> status(res).equals("warn") && String.join("\n", log(res)).contains("n2 never synced")
                        && String.join("\n", log(res)).contains("n3 never synced"));
        assertTrue(log(r).contains("warn: n2 never synced"), "a warn entry per peer: " + log(r));
        assertTrue(log(r).contains("warn: n3 never synced"), "a warn entry per peer: " + log(r));
        for (String node : List.of("n2", "n3")) {
            awaitResource(node, OBJ, RID, SEEN, "n/a (the instance is not up there)",
                    res -> status(res).equals("n/a"));
        }
    }

    @Test
    @Order(3)
    void syncNodesThenDrpThenAllCopyOverSshToTheirTargetsOnlyAndPropagateDeletions() throws Exception {
        long before = System.currentTimeMillis();
        Lab.Result r = ok("n1", OBJ, "sync", "nodes");
        System.out.println("sync nodes on n1:\n" + r);
        assertFalse((r.out() + r.err()).contains(SKIP), r.toString());
        assertEquals("alpha\n", file("n2", OBJ + "/a.txt"), "nodes: n2 has a.txt");
        assertEquals("beta\n", file("n2", OBJ + "/sub/b.txt"), "nodes: n2 has sub/b.txt");
        assertEquals(null, file("n2", OBJ + "/only-n2.txt"), "--delete: what n1 lacks is removed on n2");
        assertFalse(Files.exists(lab.data("n3").resolve(OBJ)), "nodes: nothing sent to the drp node n3");
        assertTrue(Files.exists(lastSync("n1", "n2")), "the copy to n2 is recorded in " + lastSync("n1", "n2"));
        assertTrue(Files.getLastModifiedTime(lastSync("n1", "n2")).toMillis() >= before - 1000,
                "recorded by this sync");
        assertFalse(Files.exists(lastSync("n1", "n3")), "no copy to n3 recorded");
        // n2's sshd served it: rsync went over ssh
        String sshd = Files.readString(lab.labRoot().resolve("nodes/n2/sshd.log"));
        assertTrue(sshd.contains("Accepted publickey for root"), "n2's sshd log:\n" + sshd);

        ok("n1", OBJ, "sync", "drp");
        assertEquals("alpha\n", file("n3", OBJ + "/a.txt"), "drp: n3 has a.txt");
        assertEquals("beta\n", file("n3", OBJ + "/sub/b.txt"), "drp: n3 has sub/b.txt");
        assertTrue(Files.exists(lastSync("n1", "n3")), "the copy to n3 is recorded");

        Path d = lab.data("n1").resolve(OBJ);
        Files.delete(d.resolve("a.txt"));
        Files.writeString(d.resolve("c.txt"), "gamma\n");
        Files.writeString(d.resolve("sub/b.txt"), "beta 2\n");
        ok("n1", OBJ, "sync", "all");
        for (String peer : List.of("n2", "n3")) {
            assertEquals(null, file(peer, OBJ + "/a.txt"), "all: the deletion reached " + peer);
            assertEquals("gamma\n", file(peer, OBJ + "/c.txt"), "all: the new file reached " + peer);
            assertEquals("beta 2\n", file(peer, OBJ + "/sub/b.txt"), "all: the change reached " + peer);
        }
        assertEquals(null, file("n1", OBJ + "/only-n2.txt"), "nothing ever came back to n1");
    }

    @Test
    @Order(4)
    void afterSyncAllTheUpInstanceIsUpAndTheOthersStayNa() throws Exception {
        JsonNode r = awaitResource("n1", OBJ, RID, SEEN, "up", res -> status(res).equals("up"));
        assertTrue(log(r).stream().noneMatch(l -> l.contains("never synced") || l.contains("too old")), log(r).toString());
        for (String node : List.of("n2", "n3")) {
            awaitResource(node, OBJ, RID, SEEN, "n/a (the instance is not up there)",
                    res -> status(res).equals("n/a"));
        }
    }
}
