package om.daemon.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import om.api.action.LogEvent;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatLink;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.ThreadStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubTest {
    static final String CONF = """
            [cluster]
            name = c1
            nodes = n1 n2 n3
            secret = 6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c

            [hb#1]
            type = unicast
            port@n1 = 10001
            port@n2 = 10002

            [hb#2]
            type = multicast
            """;

    @TempDir
    Path root;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final CopyOnWriteArrayList<LogEvent> lines = new CopyOnWriteArrayList<>();
    private Instant at = Instant.parse("2026-12-01T10:00:00Z");

    private Hub hub(String node, String conf) {
        Hub h = new Hub(node, Clock.systemUTC(), nanos::get);
        h.configure(Conf.config(root.resolve(node + "-" + System.nanoTime()), node, conf));
        h.bindLog(lines::add);
        return h;
    }

    /**
     * n1 and n2 of {@link #CONF}, with one heartbeat attached on both: {@code tx} is n1's link (the sender in
     * most tests), {@code rx} n2's.
     */
    private record Pair(Hub n1, Hub n2, HeartbeatLink tx, HeartbeatLink rx) {
        /** The same two hubs with another heartbeat attached. */
        Pair and(String name) {
            return new Pair(n1, n2, n1.attach(hb(n1, name)), n2.attach(hb(n2, name)));
        }
    }

    private Pair pair(String name) {
        Hub n1 = hub("n1", CONF);
        Hub n2 = hub("n2", CONF);
        return new Pair(n1, n2, n1.attach(hb(n1, name)), n2.attach(hb(n2, name)));
    }

    private static HeartbeatConfig hb(Hub h, String name) {
        return h.configured().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private Message ping(String from) {
        at = at.plusMillis(10);
        return new Message(Message.PING, Message.COMPAT, from, at, Map.of(from, 1L), new TreeMap<>(), null, null);
    }

    /** What the transport of {@code from} would put on the wire for the message. */
    private static byte[] wire(Hub from, HeartbeatLink link, Message m) throws InterruptedException {
        from.send(m);
        HeartbeatLink.Outgoing o = link.next(Duration.ofSeconds(1));
        assertNotNull(o);
        return o.envelope();
    }

    @Test
    void aMessageGoesThroughAndThePeerBeats() throws Exception {
        Pair p = pair("hb#1");
        p.rx().state(HeartbeatLink.Direction.RX, ThreadStatus.RUNNING, null);
        Message m = ping("n1");
        p.rx().received(wire(p.n1(), p.tx(), m));
        Message got = p.n2().poll();
        assertEquals(m, got.withHeard(null).withEcho(null));
        assertEquals(Map.of(), got.echo(), "n1 accepted nothing yet");
        assertEquals(Map.of("hb#1", List.of(), "hb#2", List.of()), got.heard(), "n1 hears nobody yet");
        assertEquals(Set.of("n1"), p.n2().alive());
        HeartbeatStatus st = p.n2().statuses().get("hb#1.rx");
        assertTrue(st.peers().get("n1").beating());
        assertFalse(st.peers().get("n3").beating());
        assertEquals(1, st.stats().messages());
        assertEquals("ping", st.lastMessage());
        assertEquals("running", p.n2().threads().get("hb#1.rx").state());
        // the tx side: the transport reports the send
        p.tx().sent("n2", true, 100, null);
        p.tx().sent("n3", false, 0, "connection refused");
        HeartbeatStatus txs = p.n1().statuses().get("hb#1.tx");
        assertTrue(txs.peers().get("n2").beating());
        assertFalse(txs.peers().get("n3").beating());
        assertEquals(1, txs.stats().errors());
        assertEquals("ping", txs.lastMessage());
        assertNull(txs.addr(), "a unicast tx has no endpoint");
        assertEquals(10001, p.n1().statuses().get("hb#1.rx").port());
    }

    /**
     * A tx cell is "sent, and the peer says it hears us there": a peer whose kernel still takes our bytes but
     * whose daemon is stopped (SIGSTOP) or does not hear us on that heartbeat (a one-way cut) is X, though
     * every send succeeds. A peer that never said (no message yet, an older daemon) is judged by the sends.
     */
    @Test
    void aTxCellNeedsThePeersWordThatItHearsUs() throws Exception {
        Pair hb1 = pair("hb#1");
        Pair hb2 = hb1.and("hb#2");
        hb1.tx().sent("n2", true, 100, null);
        hb2.tx().sent("n2", true, 100, null);
        assertTrue(txBeating(hb1.n1(), "hb#1", "n2"), "no word from n2 yet: the sends tell");
        // n2 hears n1 on hb#1 only (hb#2 cut one way), and says so in its next message
        hb1.rx().received(wire(hb1.n1(), hb1.tx(), ping("n1")));
        assertEquals(Map.of("hb#1", List.of("n1"), "hb#2", List.of()), hb1.n2().hearing());
        Message fromN2 = ping("n2");
        hb1.n2().send(fromN2);
        hb1.tx().received(hb1.rx().next(Duration.ofSeconds(1)).envelope());
        Message got = hb1.n1().poll();
        assertEquals(fromN2, got.withHeard(null).withEcho(null), "heard travels beside the message");
        assertTrue(got.echo().containsKey("n1"), "and the echo of n1's message n2 accepted");
        assertTrue(txBeating(hb1.n1(), "hb#1", "n2"));
        assertFalse(txBeating(hb1.n1(), "hb#2", "n2"), "sent, but n2 does not hear us there");
        // n2 stopped: its kernel still takes the bytes, its daemon says nothing more
        for (int i = 0; i < 4; i++) {
            nanos.addAndGet(Duration.ofSeconds(4).toNanos());
            hb1.tx().sent("n2", true, 100, null);
        }
        assertTrue(hb1.n1().statuses().get("hb#1.tx").peers().get("n2").last() != null);
        assertFalse(txBeating(hb1.n1(), "hb#1", "n2"), "every send succeeded, no word from n2 for 16 s");
        // an older daemon, whose messages do not say: the sends alone again
        Message old = ping("n2");
        byte[] plain = Envelope.seal(Envelope.Keys.of("c1", "n2", List.of("n1", "n2", "n3"),
                "6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c"), old.encode(), new java.security.SecureRandom());
        hb1.tx().received(plain);
        assertNull(hb1.n1().poll().heard());
        assertTrue(txBeating(hb1.n1(), "hb#1", "n2"));
    }

    /**
     * The echo: a peer's word that it hears us counts only while the message of ours it names was sealed within
     * the timeout, on our clock. n2 accepted n1's message, said so 10 s later in a message that took 4 s: at 16 s
     * after the seal n2's last message is 2 s old and says it hears n1, yet n2 may declare n1 dead any moment (its
     * timeout runs from its receipt), so the tx cell is X and n1's quorum no longer counts n2 (simulation D5).
     */
    @Test
    void aTxCellNeedsAMessageOfOursThePeerAcceptedSealedWithinTheTimeout() throws Exception {
        Pair p = pair("hb#1");
        Duration timeout = hb(p.n1(), "hb#1").timeout();
        Message ours = ping("n1");
        p.rx().received(wire(p.n1(), p.tx(), ours));
        nanos.addAndGet(timeout.minusSeconds(5).toNanos());
        p.n2().send(ping("n2"));
        byte[] late = p.rx().next(Duration.ofSeconds(1)).envelope();
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        p.tx().received(late);
        assertEquals(Map.of("n1", ours.updatedAt()), p.n1().poll().echo());
        p.tx().sent("n2", true, 100, null);
        assertTrue(txBeating(p.n1(), "hb#1", "n2"), "our message was sealed a second within the timeout ago");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        p.tx().sent("n2", true, 100, null);
        assertFalse(txBeating(p.n1(), "hb#1", "n2"), "sealed a second past the timeout, whatever came since");
        // a message of ours it accepted since, echoed: it hears us again
        p.rx().received(wire(p.n1(), p.tx(), ping("n1")));
        p.n2().send(ping("n2"));
        p.tx().received(p.rx().next(Duration.ofSeconds(1)).envelope());
        p.n1().poll();
        assertTrue(txBeating(p.n1(), "hb#1", "n2"));
    }

    private static boolean txBeating(Hub h, String hb, String peer) {
        return h.statuses().get(hb + ".tx").peers().get(peer).beating();
    }

    /** A peer silent for longer than the timeout is no longer beating (monotonic clock). */
    @Test
    void silenceBeyondTheTimeoutIsDeath() throws Exception {
        Pair p = pair("hb#1");
        p.rx().received(wire(p.n1(), p.tx(), ping("n1")));
        nanos.addAndGet(Duration.ofSeconds(15).toNanos());
        assertEquals(Set.of("n1"), p.n2().alive(), "15 s is within the timeout");
        nanos.addAndGet(1);
        assertEquals(Set.of(), p.n2().alive());
        assertFalse(p.n2().statuses().get("hb#1.rx").peers().get("n1").beating());
    }

    /** One rx hearing the peer is enough; a replay on a heartbeat is dropped, the same message on another is not. */
    @Test
    void replaysAreDroppedPerHeartbeatDuplicatesAcrossHeartbeatsAreNot() throws Exception {
        Pair p1 = pair("hb#1");
        Pair p2 = p1.and("hb#2");
        Message m = ping("n1");
        p1.n1().send(m);
        byte[] e1 = p1.tx().next(Duration.ofSeconds(1)).envelope();
        byte[] e2 = p2.tx().next(Duration.ofSeconds(1)).envelope();
        assertEquals(new String(e1), new String(e2), "sealed once for every heartbeat");
        p1.rx().received(e1);
        p2.rx().received(e2);
        assertNotNull(p1.n2().poll());
        assertNotNull(p1.n2().poll(), "the monitor gets both and applies one (Exchange)");
        p1.rx().received(e1);
        assertNull(p1.n2().poll());
        Map<String, HeartbeatStatus> st = p1.n2().statuses();
        assertEquals(Map.of("replay", 1L), st.get("hb#1.rx").dropped());
        assertEquals(1, st.get("hb#1.rx").stats().errors());
        assertEquals(Map.of(), st.get("hb#2.rx").dropped());
        // an older message is a replay too
        Message older = new Message(Message.PING, Message.COMPAT, "n1", m.updatedAt().minusSeconds(1),
                Map.of("n1", 1L), new TreeMap<>(), null, null);
        p2.rx().received(wire(p1.n1(), p2.tx(), older));
        assertEquals(Map.of("replay", 1L), p1.n2().statuses().get("hb#2.rx").dropped());
    }

    @Test
    void everyDropIsCountedByReason() throws Exception {
        Hub n1 = hub("n1", CONF);
        Hub n2 = hub("n2", CONF);
        Hub stranger = hub("n1", CONF.replace("6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c", "0000"));
        Hub foreign = hub("n1", CONF.replace("name = c1", "name = c2"));
        Hub n4 = hub("n4", CONF.replace("nodes = n1 n2 n3", "nodes = n1 n2 n3 n4"));
        HeartbeatLink rx = n2.attach(hb(n2, "hb#1"));
        rx.received("GET / HTTP/1.1\r\n\r\n".getBytes());
        rx.received(wire(stranger, stranger.attach(hb(stranger, "hb#1")), ping("n1")));
        rx.received(wire(foreign, foreign.attach(hb(foreign, "hb#1")), ping("n1")));
        rx.received(wire(n4, n4.attach(hb(n4, "hb#1")), ping("n4")));
        // our own message on a unicast heartbeat: someone replays it to us
        rx.received(wire(n2, n2.attach(hb(n2, "hb#2")), ping("n2")));
        // a member sending another's message: spoofed
        HeartbeatLink tx = n1.attach(hb(n1, "hb#1"));
        rx.received(wire(n1, tx, ping("n3")));
        Message compat = new Message(Message.PING, 2, "n1", at.plusSeconds(1), Map.of(), new TreeMap<>(), null, null);
        rx.received(wire(n1, tx, compat));
        Map<String, Long> dropped = n2.statuses().get("hb#1.rx").dropped();
        assertEquals(Map.of("bad envelope", 1L, "wrong secret", 1L, "foreign cluster", 1L, "unknown sender", 1L,
                "nodename mismatch", 1L, "compat", 1L, "own node", 1L), dropped);
        assertNull(n2.poll());
        assertEquals(Set.of(), n2.alive(), "no dropped message makes a peer alive");
    }

    /**
     * Issue 12 item 3: a tampered envelope (one byte of its ciphertext flipped) and a truncated one never reach the
     * monitor (so never the dataset) and never make the peer beat; each is counted by reason and in the errors, and
     * logged once; the intact message sent afterwards still goes through, and then a replay of it is dropped too.
     */
    @Test
    void tamperedAndTruncatedEnvelopesAreDroppedCountedAndLogged() throws Exception {
        Pair p = pair("hb#1");
        byte[] good = wire(p.n1(), p.tx(), ping("n1"));
        com.fasterxml.jackson.databind.node.ObjectNode d =
                (com.fasterxml.jackson.databind.node.ObjectNode) om.api.json.Json.mapper().readTree(good);
        byte[] data = java.util.Base64.getUrlDecoder().decode(d.get("data").asText());
        data[data.length / 3] ^= 0x40;
        d.put("data", java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(data));
        p.rx().received(om.api.json.Json.mapper().writeValueAsBytes(d));
        p.rx().received(java.util.Arrays.copyOf(good, good.length - 7));
        assertNull(p.n2().poll(), "nothing for the monitor");
        HeartbeatStatus st = p.n2().statuses().get("hb#1.rx");
        assertEquals(Map.of("wrong secret", 1L, "bad envelope", 1L), st.dropped());
        assertEquals(2, st.stats().errors());
        assertEquals(0, st.stats().messages());
        assertEquals(Set.of(), p.n2().alive());
        assertFalse(st.peers().get("n1").beating());
        assertEquals(List.of("hb#1.rx: dropped a message from n1: wrong secret (authentication failed)"),
                lines.stream().map(LogEvent::message).filter(l -> l.contains("from n1")).toList());
        assertEquals(2, lines.size(), "the truncated one has no sender to name, logged apart: " + lines);
        p.rx().received(good);
        assertNotNull(p.n2().poll(), "the intact message goes through");
        assertEquals(Set.of("n1"), p.n2().alive());
        p.rx().received(good);
        assertNull(p.n2().poll(), "the same envelope again is a replay");
        assertEquals(1L, p.n2().statuses().get("hb#1.rx").dropped().get("replay"));
        assertEquals(1, p.n2().statuses().get("hb#1.rx").stats().messages());
    }

    /**
     * With {@code secret =} empty (a live edit: the daemon generates one at start), the key would be SHA-256 of "",
     * which anyone can compute: a stranger who knows the cluster and a node name would be a member and could read
     * our data. So such a node seals nothing and admits nobody, like a node with a wrong secret (the node API
     * refuses an empty secret too), and says why once.
     */
    @Test
    void anEmptySecretSealsNothingAndAdmitsNobody() throws Exception {
        String open = CONF.replace("secret = 6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c", "secret =");
        Hub n1 = hub("n1", CONF);
        HeartbeatLink tx = n1.attach(hb(n1, "hb#1"));
        n1.configure(Conf.config(root.resolve("n1-open"), "n1", open));
        assertTrue(n1.send(ping("n1")).await(1, TimeUnit.SECONDS));
        assertNull(tx.next(Duration.ofMillis(200)), "an envelope sealed with the key of the empty secret");
        assertEquals(1, lines.stream().filter(l -> l.message().contains("cluster.secret is empty")).count(), "" + lines);

        Hub n2 = hub("n2", open);
        HeartbeatLink rx = n2.attach(hb(n2, "hb#1"));
        Envelope.Keys stranger = new Envelope.Keys("c1", "n1", Set.of("n1", "n2", "n3"), Envelope.key(""));
        rx.received(Envelope.seal(stranger, ping("n1").encode(), new java.security.SecureRandom()));
        assertNull(n2.poll(), "a message sealed with the key of the empty secret");
        assertEquals(Map.of("wrong secret", 1L), n2.statuses().get("hb#1.rx").dropped());
        assertEquals(Set.of(), n2.alive());
    }

    /** Multicast loops our own messages back: counted, but neither an error nor a log line. */
    @Test
    void ownMessagesOnMulticastAreNoErrors() throws Exception {
        Hub n1 = hub("n1", CONF);
        HeartbeatLink l = n1.attach(hb(n1, "hb#2"));
        l.received(wire(n1, l, ping("n1")));
        HeartbeatStatus st = n1.statuses().get("hb#2.rx");
        assertEquals(Map.of("own node", 1L), st.dropped());
        assertEquals(0, st.stats().errors());
        assertTrue(lines.isEmpty());
    }

    @Test
    void dropsAreLoggedAtMostOnceAMinutePerSender() throws Exception {
        Hub n2 = hub("n2", CONF);
        Hub stranger = hub("n1", CONF.replace("6c3e0b5a9f2d4e1b8a7c6d5e4f3a2b1c", "0000"));
        HeartbeatLink rx = n2.attach(hb(n2, "hb#1"));
        HeartbeatLink stx = stranger.attach(hb(stranger, "hb#1"));
        for (int i = 0; i < 5; i++) {
            rx.received(wire(stranger, stx, ping("n1")));
        }
        rx.received("garbage".getBytes());
        assertEquals(2, lines.size(), "one line for n1, one for the unknown sender: " + lines);
        assertEquals("hb#1.rx: dropped a message from n1: wrong secret (authentication failed)",
                lines.get(0).message());
        assertEquals("hb#1.rx", lines.get(0).component());
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        rx.received(wire(stranger, stx, ping("n1")));
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).message().endsWith(", 4 more dropped in the last minute"), lines.get(2).message());
        assertEquals(6, n2.statuses().get("hb#1.rx").dropped().get("wrong secret"));
    }

    /**
     * Bytes a transport refused (garbage on the port, an envelope missing fragments) are drops like the others:
     * counted by reason and in the thread's errors, logged at most once a minute per sender address, and the
     * peers keep beating through the same heartbeat.
     */
    @Test
    void garbageRefusedByTheTransportIsCountedAndLoggedLikeAnyDrop() throws Exception {
        Pair p = pair("hb#2");
        for (int i = 0; i < 3; i++) {
            p.rx().refused("10.0.0.9", HeartbeatLink.Refusal.GARBAGE,
                    "a datagram of 1000 bytes that is not a fragment");
        }
        p.rx().refused("10.0.0.2", HeartbeatLink.Refusal.INCOMPLETE, "4 of 5 fragments after 5 s");
        p.rx().received(wire(p.n1(), p.tx(), ping("n1")));
        HeartbeatStatus st = p.n2().statuses().get("hb#2.rx");
        assertEquals(Map.of("bad frame", 3L, "incomplete", 1L), st.dropped());
        assertEquals(4, st.stats().errors());
        assertEquals(1, st.stats().messages(), "the good message went through");
        assertEquals(Set.of("n1"), p.n2().alive());
        assertEquals(List.of(), p.n2().threads().get("hb#2.rx").alerts(), "garbage is no fault of the thread");
        assertEquals(List.of("hb#2.rx: dropped a message from 10.0.0.9: bad frame (a datagram of 1000 bytes that is"
                + " not a fragment)", "hb#2.rx: dropped a message from 10.0.0.2: incomplete (4 of 5 fragments after"
                + " 5 s)"), lines.stream().map(LogEvent::message).toList());
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        p.rx().refused("10.0.0.9", HeartbeatLink.Refusal.GARBAGE, "a datagram of 7 bytes that is not a fragment");
        assertEquals("hb#2.rx: dropped a message from 10.0.0.9: bad frame (a datagram of 7 bytes that is not a"
                + " fragment), 2 more dropped in the last minute", lines.get(2).message());
    }

    /** The monitor's inbox is bounded: a flood is dropped and counted, the rx thread never waits. */
    @Test
    void aFullInboxDropsAndCounts() throws Exception {
        Pair p = pair("hb#1");
        for (int i = 0; i <= Hub.INBOX; i++) {
            p.rx().received(wire(p.n1(), p.tx(), ping("n1")));
        }
        assertEquals(1, p.n2().overflowed());
        assertEquals(Map.of("overflow", 1L), p.n2().statuses().get("hb#1.rx").dropped());
        assertEquals(Set.of("n1"), p.n2().alive(), "the peer beats all the same");
    }

    @Test
    void aConfiguredHeartbeatWithoutTransportIsStopped() {
        Hub n1 = hub("n1", CONF);
        HeartbeatLink l = n1.attach(hb(n1, "hb#1"));
        l.state(HeartbeatLink.Direction.RX, ThreadStatus.FAILED, "port 10001 already in use");
        Map<String, ThreadStatus> t = n1.threads();
        assertEquals(List.of("hb#1.rx", "hb#1.tx", "hb#2.rx", "hb#2.tx"), List.copyOf(t.keySet()));
        assertEquals(ThreadStatus.FAILED, t.get("hb#1.rx").state());
        assertEquals(List.of("port 10001 already in use"), t.get("hb#1.rx").alerts());
        assertEquals(ThreadStatus.STOPPED, t.get("hb#2.rx").state());
        assertEquals(ThreadStatus.STOPPED, t.get("hb#2.tx").state());
        HeartbeatStatus mc = n1.statuses().get("hb#2.tx");
        assertEquals("224.3.29.71", mc.addr());
        assertEquals("5s", mc.interval());
        assertEquals("15s", mc.timeout());
        l.close();
        assertEquals(ThreadStatus.STOPPED, n1.threads().get("hb#1.rx").state());
    }

    /** A send is done when each tx thread came back for the next envelope (or its transport went). */
    @Test
    void aSendIsDoneWhenEveryTxTookTheNextTurn() throws Exception {
        Hub n1 = hub("n1", CONF);
        HeartbeatLink a = n1.attach(hb(n1, "hb#1"));
        HeartbeatLink b = n1.attach(hb(n1, "hb#2"));
        CountDownLatch done = n1.send(ping("n1"));
        assertNotNull(a.next(Duration.ZERO));
        assertNotNull(b.next(Duration.ZERO));
        assertFalse(done.await(50, TimeUnit.MILLISECONDS), "taken, not sent yet");
        assertNull(a.next(Duration.ZERO));
        assertEquals(1, done.getCount());
        b.close();
        assertTrue(done.await(1, TimeUnit.SECONDS));
        // a newer message supersedes one not taken yet
        CountDownLatch first = n1.send(ping("n1"));
        n1.send(ping("n1"));
        assertTrue(first.await(1, TimeUnit.SECONDS));
    }

    /** next() waits for the envelope due and returns it as soon as it is offered. */
    @Test
    void theTxThreadWakesUpAtOnce() throws Exception {
        Hub n1 = hub("n1", CONF);
        HeartbeatLink a = n1.attach(hb(n1, "hb#1"));
        HeartbeatLink.Outgoing[] got = new HeartbeatLink.Outgoing[1];
        Thread t = new Thread(() -> {
            try {
                got[0] = a.next(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        Thread.sleep(50);
        long start = System.nanoTime();
        n1.send(ping("n1"));
        t.join(5000);
        assertNotNull(got[0]);
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
        assertEquals("ping", got[0].kind());
    }

    @Test
    void aReattachedHeartbeatKeepsItsReplayProtection() throws Exception {
        Hub n1 = hub("n1", CONF);
        Hub n2 = hub("n2", CONF);
        HeartbeatLink tx = n1.attach(hb(n1, "hb#1"));
        byte[] env = wire(n1, tx, ping("n1"));
        n2.attach(hb(n2, "hb#1")).received(env);
        HeartbeatLink again = n2.attach(hb(n2, "hb#1"));
        again.received(env);
        assertEquals(Map.of("replay", 1L), n2.statuses().get("hb#1.rx").dropped());
    }

    /**
     * A Config Admin update re-attaches the transport (DS deactivates and activates it): the peer heard through
     * the old link stays beating through the gap and after, until timeout after its last message.
     */
    @Test
    void aReattachedHeartbeatKeepsItsPeersBeatingUntilTheTimeout() throws Exception {
        Pair p = pair("hb#1");
        p.rx().received(wire(p.n1(), p.tx(), ping("n1")));
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        p.rx().close();
        assertEquals(Set.of("n1"), p.n2().alive(), "between the old link closing and the new one attaching");
        HeartbeatLink again = p.n2().attach(hb(p.n2(), "hb#1"));
        assertEquals(Set.of("n1"), p.n2().alive(), "right after the re-attachment");
        assertTrue(p.n2().statuses().get("hb#1.rx").peers().get("n1").beating());
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(Set.of("n1"), p.n2().alive(), "15 s after the last message: within the timeout");
        nanos.addAndGet(1);
        assertEquals(Set.of(), p.n2().alive(), "no message for longer than the timeout");
        // and the new link goes on beating it as usual
        again.received(wire(p.n1(), p.tx(), ping("n1")));
        assertEquals(Set.of("n1"), p.n2().alive());
    }

    /** A beat stays valid for the timeout it was heard under: a shorter timeout counts from the next beat. */
    @Test
    void aShorterTimeoutOnReattachmentDoesNotShortenTheLastBeat() throws Exception {
        Hub n1 = hub("n1", CONF);
        Hub n2 = hub("n2", CONF);
        HeartbeatLink tx = n1.attach(hb(n1, "hb#1"));
        n2.attach(hb(n2, "hb#1")).received(wire(n1, tx, ping("n1")));
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        Hub shorter = hub("n2", CONF.replace("port@n2 = 10002", "port@n2 = 10002\ntimeout = 5s"));
        HeartbeatConfig five = hb(shorter, "hb#1");
        assertEquals(Duration.ofSeconds(5), five.timeout());
        HeartbeatLink again = n2.attach(five);
        assertEquals(Set.of("n1"), n2.alive(), "heard 10 s ago under a 15 s timeout");
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        assertEquals(Set.of(), n2.alive());
        again.received(wire(n1, tx, ping("n1")));
        nanos.addAndGet(Duration.ofSeconds(5).toNanos() + 1);
        assertEquals(Set.of(), n2.alive(), "the new beat counts under the new timeout");
    }

    /**
     * A heartbeat removed (from the configuration, or its transport bundle stopped): its peers count until
     * timeout after their last message there; one still heard on another heartbeat stays alive through it.
     */
    @Test
    void aRemovedHeartbeatCountsUntilTheTimeout() throws Exception {
        Pair p1 = pair("hb#1");
        Pair p2 = p1.and("hb#2");
        p2.rx().received(wire(p1.n1(), p2.tx(), ping("n1")));
        p2.rx().close();
        assertEquals(Set.of("n1"), p1.n2().alive(), "hb#2 stopped: not dead at once");
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        p1.rx().received(wire(p1.n1(), p1.tx(), ping("n1")));
        nanos.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(Set.of("n1"), p1.n2().alive(), "still heard through hb#1");
        p1.rx().close();
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertEquals(Set.of("n1"), p1.n2().alive(), "through nothing now, but hb#1's last message is 15 s old");
        nanos.addAndGet(1);
        assertEquals(Set.of(), p1.n2().alive(), "dead timeout after the last message on any heartbeat");
    }
}
