package om.daemon.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generations and kinds (heartbeats-and-daemon.md section 4) between two nodes, messages through their JSON. */
class ExchangeTest {
    private static final List<String> TO_N2 = List.of("n2");
    private static final List<String> TO_N1 = List.of("n1");
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Exchange n1 = new Exchange("n1");
    private final Exchange n2 = new Exchange("n2");

    private static ObjectNode data(String avail) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.putObject("monitor").put("state", "idle");
        d.put("frozen", false);
        d.putObject("services").putObject("status").putObject("ns1/svc/web").put("avail", avail);
        return d;
    }

    private Instant tick() {
        now = now.plusMillis(100);
        return now;
    }

    /** A message as the peer gets it: through its JSON bytes. */
    private Message send(Exchange from, List<String> live) {
        return Message.decode(from.next(tick(), live).encode());
    }

    private static Op avail(String value) {
        return Op.replace(Op.pointer("services", "status", "ns1/svc/web", "avail"), TextNode.valueOf(value));
    }

    /** Both nodes started and exchanged their fulls. */
    private void handshake() {
        n1.baseline(data("up"));
        n2.baseline(data("down"));
        Message ping = send(n1, TO_N2);
        assertEquals(Message.PING, ping.kind());
        Exchange.Received r = n2.receive(ping);
        assertTrue(r.sendNow(), "a peer we hold no data of: answer at once");
        Message full = send(n2, TO_N1);
        assertEquals(Message.FULL, full.kind(), "the peer reported our generation 0");
        assertEquals(Exchange.Change.REPLACED, n1.receive(full).change());
        assertTrue(n1.complete("n2"));
        Message full1 = send(n1, TO_N2);
        assertEquals(Message.FULL, full1.kind(), "our previous message was a ping");
        assertEquals(Exchange.Change.REPLACED, n2.receive(full1).change());
        assertEquals("up", n2.tree("n1").at("/services/status/ns1~1svc~1web/avail").asText());
        // n2 acknowledges: its next message reports n1's generation
        n1.receive(send(n2, TO_N1));
        assertEquals(1, n1.acked("n2"));
    }

    @Test
    void aFullIsNotRepeatedWithinTheGapForPeersMessagesSentBeforeItArrived() {
        java.time.Duration gap = java.time.Duration.ofSeconds(1);
        n1.baseline(data("up"));
        n2.baseline(data("down"));
        n2.receive(send(n1, TO_N2)); // n1's ping: n2 reports n1's generation 0 from now on
        Message stale1 = send(n2, TO_N1);
        Message stale2 = send(n2, TO_N1);
        n1.receive(stale1);
        Message full = Message.decode(n1.next(tick(), TO_N2, gap).encode());
        assertEquals(Message.FULL, full.kind(), "the peer reports our generation 0");
        // n2's second message left before the full reached it: it still says 0, and asks for a reply at once
        assertTrue(n1.receive(stale2).sendNow());
        Message reply = Message.decode(n1.next(tick(), TO_N2, gap).encode());
        assertEquals(Message.PATCH, reply.kind(), "no second full within the gap");
        assertEquals(Exchange.Change.REPLACED, n2.receive(full).change());
        assertEquals(Exchange.Change.NONE, n2.receive(reply).change());
        // the full was lost for a peer that keeps reporting 0: once the gap is over it gets another
        Exchange n3 = new Exchange("n3");
        n3.baseline(data("down"));
        List<String> both = List.of("n2", "n3");
        n3.receive(send(n1, List.of("n3")));
        n1.receive(send(n3, TO_N1));
        now = now.plus(gap);
        assertEquals(Message.FULL, n1.next(tick(), both, gap).kind(), "n3 reports 0 after the gap");
    }

    @Test
    void pingUntilAPeerWasHeard() {
        n1.baseline(data("up"));
        assertEquals(Message.PING, send(n1, TO_N2).kind());
        assertEquals(Message.PING, send(n1, TO_N2).kind());
        Message ping = n1.next(tick(), TO_N2);
        assertEquals("idle", ping.monitor().path("state").asText());
        assertNull(ping.nodeData());
    }

    @Test
    void aChangeTravelsAsAPatchOfOneBatch() {
        handshake();
        assertTrue(n1.commit(List.of(avail("down"))));
        Message patch = send(n1, TO_N2);
        assertEquals(Message.PATCH, patch.kind());
        assertEquals(List.of(2L), List.copyOf(patch.events().keySet()));
        Exchange.Received r = n2.receive(patch);
        assertEquals(Exchange.Change.PATCHED, r.change());
        assertEquals(Set.of("/services/status/ns1~1svc~1web/avail"), r.touched());
        assertEquals("down", n2.tree("n1").at("/services/status/ns1~1svc~1web/avail").asText());
        assertEquals(2, n2.genMap().get("n1"));
        assertEquals(2, n2.tree("n1").at("/gen/n1").asLong());
        assertFalse(n1.commit(List.of()), "an empty batch commits nothing");
        assertEquals(2, n1.gen());
    }

    @Test
    void aFullRepeatsUntilEveryPeerCaughtUpThenPatches() {
        n1.baseline(data("up"));
        n2.baseline(data("down"));
        n2.receive(send(n1, TO_N2));
        n1.receive(send(n2, TO_N1));
        assertEquals(Message.FULL, send(n1, TO_N2).kind());
        assertEquals(Message.FULL, send(n1, TO_N2).kind(), "n2 did not report our generation yet");
        n2.receive(send(n1, TO_N2));
        n1.receive(send(n2, TO_N1));
        assertEquals(Message.PATCH, send(n1, TO_N2).kind());
    }

    @Test
    void acknowledgedBatchesLeaveTheQueue() {
        handshake();
        n1.commit(List.of(avail("down")));
        n1.commit(List.of(avail("up")));
        n2.receive(send(n1, TO_N2));
        assertEquals(Set.of(2L, 3L), n1.queued().keySet());
        n1.receive(send(n2, TO_N1));
        Message next = send(n1, TO_N2);
        assertTrue(next.events().isEmpty(), "every peer applied them: " + next.events());
        assertTrue(n1.queued().isEmpty());
    }

    /** A peer asking for a full does not hold batches in our queue: it takes the full, not them. */
    @Test
    void aPeerNeedingAFullDoesNotHoldTheQueue() {
        handshake();
        n2.dead("n1"); // n2 now reports n1's generation 0
        n1.receive(send(n2, TO_N1));
        assertEquals(0, n1.acked("n2"));
        n1.commit(List.of(avail("down")));
        Message m = send(n1, TO_N2);
        assertEquals(Message.FULL, m.kind());
        assertTrue(n1.queued().isEmpty(), "pruned: " + n1.queued().keySet());
    }

    /** The queue is bounded in batches and in operations, dropping the oldest. */
    @Test
    void theQueueIsBounded() {
        handshake();
        for (int i = 0; i < Exchange.MAX_QUEUE + 10; i++) {
            n1.commit(List.of(avail(i % 2 == 0 ? "down" : "up")));
        }
        assertEquals(Exchange.MAX_QUEUE, n1.queued().size());
        assertEquals(n1.gen(), n1.queued().lastKey());
        List<Op> big = new java.util.ArrayList<>();
        for (int i = 0; i < Exchange.MAX_QUEUED_OPS; i++) {
            big.add(Op.replace(Op.pointer("services", "status", "o" + i), TextNode.valueOf("x")));
        }
        n1.commit(big);
        assertEquals(1, n1.queued().size(), "a single batch beyond the bound stays, the older ones go");
    }

    /** A message overtaken by a newer one through another path changes nothing. */
    @Test
    void outOfOrderMessagesApplyOnce() {
        handshake();
        n1.commit(List.of(avail("down")));
        Message m2 = send(n1, TO_N2);
        n1.commit(List.of(avail("warn")));
        Message m3 = send(n1, TO_N2);
        assertEquals(Set.of(2L, 3L), m3.events().keySet());
        assertEquals(Exchange.Change.PATCHED, n2.receive(m3).change());
        assertEquals(Exchange.Change.NONE, n2.receive(m2).change());
        assertEquals("warn", n2.tree("n1").at("/services/status/ns1~1svc~1web/avail").asText());
        assertEquals(3, n2.genMap().get("n1"));
    }

    @Test
    void theSameMessageThroughTwoHeartbeatsIsAppliedOnce() {
        handshake();
        n1.commit(List.of(Op.remove(Op.pointer("services", "status", "ns1/svc/web"))));
        n1.commit(List.of(avail("up")));
        Message m = send(n1, TO_N2);
        Exchange.Received first = n2.receive(m);
        assertEquals(Exchange.Change.PATCHED, first.change());
        ObjectNode after = n2.tree("n1").deepCopy();
        Exchange.Received second = n2.receive(m);
        assertEquals(Exchange.Change.NONE, second.change());
        assertEquals(after, n2.tree("n1"));
        assertFalse(second.sendNow());
    }

    /** A batch was dropped from the queue before the peer got it: the peer asks for a full and gets one. */
    @Test
    void aMissingBatchAsksForAFull() {
        handshake();
        n1.commit(List.of(avail("down")));
        n1.next(tick(), List.of()); // lost, and nobody live: the queue was pruned
        n1.commit(List.of(avail("warn")));
        Message m3 = send(n1, TO_N2);
        assertEquals(Set.of(3L), m3.events().keySet());
        Exchange.Received r = n2.receive(m3);
        assertEquals(Exchange.Change.NONE, r.change());
        assertTrue(r.sendNow());
        assertEquals(0, n2.genMap().get("n1"), "our next message asks n1 for a full");
        assertFalse(n2.complete("n1"));
        n1.receive(send(n2, TO_N1));
        Message full = send(n1, TO_N2);
        assertEquals(Message.FULL, full.kind());
        assertEquals(Exchange.Change.REPLACED, n2.receive(full).change());
        assertEquals("warn", n2.tree("n1").at("/services/status/ns1~1svc~1web/avail").asText());
        assertTrue(n2.complete("n1"));
    }

    /** Patches after a reset are ignored until the full: they would apply on a tree of unknown age. */
    @Test
    void patchesAfterAResetWaitForTheFull() {
        handshake();
        n1.commit(List.of(avail("down")));
        n1.next(tick(), List.of()); // lost, and nobody live: the queue was pruned
        n1.commit(List.of(avail("warn")));
        n2.receive(send(n1, TO_N2));
        n1.commit(List.of(avail("up")));
        Message m4 = send(n1, TO_N2);
        assertEquals(Exchange.Change.NONE, n2.receive(m4).change());
        assertEquals(0, n2.genMap().get("n1"));
    }

    @Test
    void aPatchBeforeAnyFullIsIgnored() {
        handshake();
        n1.commit(List.of(avail("down")));
        Exchange n3 = new Exchange("n3");
        n3.baseline(data("n/a"));
        Exchange.Received r = n3.receive(send(n1, List.of("n2", "n3")));
        assertEquals(Exchange.Change.NONE, r.change());
        assertNull(n3.tree("n1"));
        assertTrue(r.sendNow());
    }

    /**
     * A full (here for a new node n3) bridges from what n2 applied: its batches apply on n2 instead of replacing
     * the whole tree.
     */
    @Test
    void aFullWhoseBatchesBridgeTheGapIsAppliedAsBatches() {
        handshake();
        n1.commit(List.of(avail("down")));
        Exchange n3 = new Exchange("n3");
        n3.baseline(data("n/a"));
        n1.receive(Message.decode(n3.next(tick(), TO_N1).encode()));
        Message full = send(n1, List.of("n2", "n3"));
        assertEquals(Message.FULL, full.kind(), "n3 reports our generation 0");
        assertEquals(Set.of(2L), full.events().keySet(), "n2 acknowledged 1, not 2");
        Exchange.Received r = n2.receive(full);
        assertEquals(Exchange.Change.PATCHED, r.change());
        assertEquals(Set.of("/services/status/ns1~1svc~1web/avail"), r.touched());
        assertEquals(2, n2.genMap().get("n1"));
    }

    @Test
    void aFullAlreadyAppliedIsIgnored() {
        handshake();
        n1.receive(send(n2, TO_N1));
        Message full = Message.decode(n1.next(tick(), TO_N2).encode());
        // forced: n1's previous was not a full, build one as a lagging peer would cause
        assertEquals(Message.PATCH, full.kind());
        assertEquals(Exchange.Change.NONE, n2.receive(full).change());
    }

    /** A restarted peer starts again at generation 1: its data is replaced by its new full, not patched. */
    @Test
    void aRestartedPeerIsAskedForAFull() {
        handshake();
        for (int i = 0; i < 5; i++) {
            n1.commit(List.of(avail(i % 2 == 0 ? "down" : "up")));
            n2.receive(send(n1, TO_N2));
        }
        assertEquals(6, n2.genMap().get("n1"));
        Exchange restarted = new Exchange("n1");
        restarted.baseline(data("warn"));
        restarted.commit(List.of(avail("stdby up")));
        // its ping: our applied generation 6 differs from its 2: answer now
        Exchange.Received r = n2.receive(send(restarted, TO_N2));
        assertTrue(r.sendNow());
        restarted.receive(send(n2, TO_N1));
        Message full = send(restarted, TO_N2);
        assertEquals(Message.FULL, full.kind());
        assertEquals(Exchange.Change.REPLACED, n2.receive(full).change());
        assertEquals("stdby up", n2.tree("n1").at("/services/status/ns1~1svc~1web/avail").asText());
        assertEquals(2, n2.genMap().get("n1"));
    }

    /**
     * A peer restarted with no change since: started at generation 1 again, its new full would look applied.
     * Generations starting at the start time keep the lives apart.
     */
    @Test
    void aRestartedPeerStartingAtItsStartTimeIsNeverTakenForItsOldSelf() {
        handshake();
        assertEquals(1, n2.genMap().get("n1"));
        Exchange restarted = new Exchange("n1");
        restarted.baseline(data("warn"), now.toEpochMilli());
        n2.receive(send(restarted, TO_N2));
        restarted.receive(send(n2, TO_N1));
        Message full = send(restarted, TO_N2);
        assertEquals(Message.FULL, full.kind());
        assertEquals(Exchange.Change.REPLACED, n2.receive(full).change());
        assertEquals("warn", n2.tree("n1").at("/services/status/ns1~1svc~1web/avail").asText());
    }

    /** A patch from a restarted peer (its generation below what we applied): reset, ask for a full. */
    @Test
    void aPatchBelowTheAppliedGenerationResets() {
        handshake();
        for (int i = 0; i < 3; i++) {
            n1.commit(List.of(avail(i % 2 == 0 ? "down" : "up")));
            n2.receive(send(n1, TO_N2));
        }
        assertEquals(4, n2.genMap().get("n1"));
        Message m = new Message(Message.PATCH, Message.COMPAT, "n1", tick(), java.util.Map.of("n1", 2L, "n2", 1L),
                new java.util.TreeMap<>(java.util.Map.of(2L, List.of(avail("warn")))), null, null);
        Exchange.Received r = n2.receive(Message.decode(m.encode()));
        assertEquals(Exchange.Change.NONE, r.change());
        assertTrue(r.sendNow());
        assertEquals(0, n2.genMap().get("n1"));
        assertEquals("down", n2.tree("n1").at("/services/status/ns1~1svc~1web/avail").asText(),
                "the data stays shown until the full");
    }

    @Test
    void aDeadPeerNeedsAFullWhenItComesBackButReplaysStayOut() {
        handshake();
        n1.commit(List.of(avail("down")));
        Message old = send(n1, TO_N2);
        n2.receive(old);
        n2.dead("n1");
        assertNull(n2.tree("n1"));
        assertEquals(0, n2.genMap().get("n1"));
        assertEquals(Exchange.Change.NONE, n2.receive(old).change(), "an old message replayed after the death");
    }

    @Test
    void aPeerLosingAThirdNodesDataIsSeenInItsGenWithoutAChangeOfItsData() {
        handshake();
        Exchange n3 = new Exchange("n3");
        n3.baseline(data("down"));
        n2.receive(send(n3, TO_N2));
        n3.receive(send(n2, List.of("n3")));
        assertEquals(Exchange.Change.REPLACED, n2.receive(send(n3, TO_N2)).change());
        assertTrue(n2.genMap().get("n3") != 0);

        Exchange.Received held = n1.receive(send(n2, TO_N1));
        assertEquals(Exchange.Change.PATCHED, held.change(), "n2 now holds n3's data: its gen says so");
        assertEquals(Set.of("/gen"), held.touched());
        assertTrue(n1.tree("n2").at("/gen/n3").asLong() != 0);

        n2.dead("n3");
        // nothing of n2's own data changed: no batch carries it, only the message's gen
        Message m = send(n2, TO_N1);
        assertTrue(m.events().isEmpty() || m.events().values().stream().allMatch(List::isEmpty), m.events().toString());
        Exchange.Received lost = n1.receive(m);
        assertEquals(Exchange.Change.PATCHED, lost.change(), "the quorum's agreement on n3's death reads it");
        assertEquals(0, n1.tree("n2").at("/gen/n3").asLong());
        assertEquals(Exchange.Change.NONE, n1.receive(send(n2, TO_N1)).change(), "no news: no change");
    }

    @Test
    void updatedAtIsStrictlyIncreasingWhateverTheClock() {
        n1.baseline(data("up"));
        Instant t = Instant.parse("2026-12-01T10:00:00.000Z");
        Instant a = n1.next(t, TO_N2).updatedAt();
        Instant b = n1.next(t, TO_N2).updatedAt();
        Instant c = n1.next(t.minusSeconds(5), TO_N2).updatedAt();
        assertTrue(b.isAfter(a) && c.isAfter(b), a + " " + b + " " + c);
    }

    @Test
    void aBatchThatDoesNotApplyAsksForAFull() {
        handshake();
        // n2's copy disagrees with n1's (it cannot, but a bug or a newer peer might): services is not an object
        ((ObjectNode) n2.tree("n1")).put("services", "x");
        n1.commit(List.of(avail("down")));
        Message m = send(n1, TO_N2);
        assertEquals(Exchange.Change.NONE, n2.receive(m).change());
        assertEquals(0, n2.genMap().get("n1"));
    }

    @Test
    void aFullSharesOurTreeWithoutCopyingIt() {
        handshake();
        n1.receive(send(n2, TO_N1));
        n2.baseline(data("down"));
        Exchange fresh = new Exchange("n2");
        fresh.baseline(data("x"));
        Message ping = fresh.next(tick(), TO_N1);
        n1.receive(Message.decode(ping.encode()));
        Message full = n1.next(tick(), TO_N2);
        assertEquals(Message.FULL, full.kind());
        assertSame(n1.tree().get("services"), full.nodeData().get("services"));
        assertEquals(java.util.Map.of("n1", 1L, "n2", 1L), full.gen(), "a ping changes no data");
    }

    @Test
    void pointersEscapeSlashesAndTildes() {
        assertEquals("/services/status/ns1~1svc~1web", Op.pointer("services", "status", "ns1/svc/web"));
        assertEquals("/a~0b~01", Op.pointer("a~b~1"));
        assertEquals(List.of("services", "status", "ns1/svc/web"), Op.names("/services/status/ns1~1svc~1web"));
        assertEquals(List.of("a~b~1"), Op.names("/a~0b~01"));
        assertThrows(IllegalArgumentException.class, () -> Op.names("x/y"));
        assertThrows(IllegalArgumentException.class, () -> new Op("add", "/x", TextNode.valueOf("v")));
        assertThrows(IllegalArgumentException.class, () -> new Op("replace", "/x", null));
    }

    @Test
    void malformedMessagesAreRefused() {
        for (String bad : List.of("[]", "{}", "{\"kind\":\"ping\"}",
                "{\"kind\":\"push\",\"compat\":1,\"nodename\":\"n1\",\"updated_at\":\"2026-12-01T10:00:00.000Z\",\"gen\":{}}",
                "{\"kind\":\"ping\",\"compat\":1,\"nodename\":\"n1\",\"updated_at\":\"yesterday\",\"gen\":{}}",
                "{\"kind\":\"ping\",\"compat\":1,\"nodename\":\"n1\",\"updated_at\":\"2026-12-01T10:00:00.000Z\",\"gen\":{\"n1\":-1}}",
                "{\"kind\":\"full\",\"compat\":1,\"nodename\":\"n1\",\"updated_at\":\"2026-12-01T10:00:00.000Z\",\"gen\":{}}",
                "{\"kind\":\"patch\",\"compat\":1,\"nodename\":\"n1\",\"updated_at\":\"2026-12-01T10:00:00.000Z\",\"gen\":{},"
                        + "\"events\":{\"x\":[]}}",
                "{\"kind\":\"patch\",\"compat\":1,\"nodename\":\"n1\",\"updated_at\":\"2026-12-01T10:00:00.000Z\",\"gen\":{},"
                        + "\"events\":{\"2\":[{\"op\":\"move\",\"path\":\"/a\"}]}}")) {
            assertThrows(IllegalArgumentException.class, () -> Message.decode(bad.getBytes()), bad);
        }
    }
}
