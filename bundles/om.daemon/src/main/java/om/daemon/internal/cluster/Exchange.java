package om.daemon.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The generations and kinds of heartbeats-and-daemon.md section 4, for the local node and each peer, on JSON
 * trees. Owned by the monitor thread (not thread-safe): it commits the local node data as batches of operations,
 * builds the outgoing messages and applies the peers' messages to their trees; typed node data is made from the
 * trees elsewhere ({@link PeerViews}), only for what a message touched.
 */
final class Exchange {
    /**
     * Batches kept for a peer that does not acknowledge them; beyond, the oldest go (such a peer finds a batch
     * missing and asks for a full).
     */
    static final int MAX_QUEUE = 1000;
    /** Operations kept at most over all queued batches (a burst of changes at a cold start must not pile up). */
    static final int MAX_QUEUED_OPS = 50_000;
    private static final String GEN = "gen";
    private static final String UPDATED_AT = "updated_at";
    private static final String MONITOR = "monitor";

    /** What a received message changed in the peer's tree. */
    enum Change {
        /** Nothing (a duplicate, an older message, a patch that cannot apply). */
        NONE,
        /** Members of the tree changed: {@link Received#touched} lists their pointers. */
        PATCHED,
        /** The tree was replaced by the message's node data. */
        REPLACED
    }

    /**
     * @param sendNow the peer lags behind us or we lack some of its batches: send our next message now
     * @param touched the pointers of the operations applied ({@link Change#PATCHED})
     * @param tree    the peer's tree after the change, null when it has none
     */
    record Received(Change change, boolean sendNow, Set<String> touched, ObjectNode tree, Message message) {
    }

    /** The receiving side of one peer. */
    private static final class Peer {
        ObjectNode tree;
        long applied;
        /** Reset (peer restarted, batch missing): patches are ignored until a full replaces the tree. */
        boolean needFull = true;
        /** Never forgotten: a replay of an old message must not pass for news after the peer died. */
        Instant last = Instant.EPOCH;
        Map<String, Long> reported = Map.of();
    }

    private final String self;
    private final TreeMap<Long, List<Op>> queue = new TreeMap<>();
    private final Map<String, Peer> peers = new HashMap<>();
    private ObjectNode tree;
    private long gen;
    private int queuedOps;
    private String lastKind;
    /** Our generation in the last full sent: a full repeats until every live peer applied it. */
    private long lastFullGen;
    private boolean heard;
    private Instant lastSent = Instant.EPOCH;
    private Instant lastFullAt = Instant.EPOCH;

    Exchange(String self) {
        this.self = self;
    }

    // ---- the local node

    /** Our generation: 0 before the first commit. */
    long gen() {
        return gen;
    }

    /** Our node data as peers rebuild it (without {@code gen} and {@code updated_at}), null before the first commit. */
    ObjectNode tree() {
        return tree;
    }

    /** {@link #baseline(ObjectNode, long)} at generation 1. */
    void baseline(ObjectNode doc) {
        baseline(doc, 1);
    }

    /**
     * The first commit: the whole node data at generation {@code first}, no batch (a peer needs a full first
     * anyway). The daemon starts at its start time in milliseconds rather than 1: a restarted node's generations
     * are then above any of its previous life, so a peer that applied generation 3 of the old data never takes
     * the new generation 3 for it.
     */
    void baseline(ObjectNode doc, long first) {
        tree = doc.deepCopy();
        tree.remove(GEN);
        tree.remove(UPDATED_AT);
        gen = Math.max(1, first);
        queue.clear();
        queuedOps = 0;
    }

    /** Commits a batch: the next generation, queued for the peers. An empty batch commits nothing. */
    boolean commit(List<Op> ops) {
        if (ops.isEmpty()) {
            return false;
        }
        if (tree == null) {
            throw new IllegalStateException("commit before the baseline");
        }
        for (Op op : ops) {
            op.apply(tree);
        }
        gen++;
        queue.put(gen, List.copyOf(ops));
        queuedOps += ops.size();
        while (queue.size() > MAX_QUEUE || queuedOps > MAX_QUEUED_OPS && queue.size() > 1) {
            queuedOps -= queue.pollFirstEntry().getValue().size();
        }
        return true;
    }

    /** The batches queued (tests and figures). */
    SortedMap<Long, List<Op>> queued() {
        return java.util.Collections.unmodifiableSortedMap(queue);
    }

    /** Per node the last generation applied here: ours, and each peer's (0 when we need a full of it). */
    Map<String, Long> genMap() {
        Map<String, Long> m = new TreeMap<>();
        m.put(self, gen);
        peers.forEach((n, p) -> m.put(n, p.needFull ? 0L : p.applied));
        return m;
    }

    /** Per peer heard, the {@code updated_at} of its newest message accepted: the hub's echo, for the simulation. */
    Map<String, Instant> lastAccepted() {
        Map<String, Instant> m = new TreeMap<>();
        peers.forEach((n, p) -> {
            if (p.last.isAfter(Instant.EPOCH)) {
                m.put(n, p.last);
            }
        });
        return m;
    }

    /** What {@code peer} last reported having applied of our data, 0 when unknown. */
    long acked(String peer) {
        Peer p = peers.get(peer);
        return p == null ? 0 : p.reported.getOrDefault(self, 0L);
    }

    /**
     * The kind our next message must be, given the live peers: {@code ping} until a message from a peer was
     * received; {@code full} when a peer reports our generation 0, when the previous message was a ping, or when
     * the previous was a full and a peer has not caught up with our generation (the one that full carried: a
     * commit since is no reason for another full); else {@code patch}. A full is not repeated within
     * {@code repeatGap} of the previous one: a peer's
     * messages sent before ours reached it still report the old generation, and each one asks for an immediate
     * reply; answering each with another full made a storm of fulls (22 in 10 s at 1,000 objects) that decoded
     * for seconds on every peer. In the gap a patch goes instead: a peer that applied the full catches up with
     * its batches, one that lost it keeps reporting 0 and gets the next full once the gap is over.
     */
    String kind(Collection<String> live, Instant now, Duration repeatGap) {
        if (!heard || tree == null) {
            return Message.PING;
        }
        if (Message.PING.equals(lastKind)) {
            return Message.FULL;
        }
        boolean need = false;
        for (String p : live) {
            if (peers.containsKey(p) && acked(p) == 0) {
                need = true;
            }
        }
        if (!need && Message.FULL.equals(lastKind)) {
            for (String p : live) {
                long a = acked(p);
                // a report above our generation is from before our restart
                if (peers.containsKey(p) && (a < lastFullGen || a > gen)) {
                    need = true;
                }
            }
        }
        if (need && now.isBefore(lastFullAt.plus(repeatGap))) {
            return Message.PATCH;
        }
        return need ? Message.FULL : Message.PATCH;
    }

    /**
     * Our next message for the live peers; {@code updated_at} strictly after the previous one's. Batches every
     * live peer acknowledged are dropped first. A full's node data shares the members of our tree: encode it
     * before the next commit.
     */
    Message next(Instant now, Collection<String> live) {
        return next(now, live, Duration.ZERO);
    }

    /** {@link #next(Instant, Collection)}, a full repeated at most once per {@code repeatGap}. */
    Message next(Instant now, Collection<String> live, Duration repeatGap) {
        prune(live);
        String kind = kind(live, now, repeatGap);
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        if (!at.isAfter(lastSent)) {
            at = lastSent.plusMillis(1);
        }
        lastSent = at;
        lastKind = kind;
        if (Message.FULL.equals(kind)) {
            lastFullGen = gen;
            lastFullAt = now;
        }
        Map<String, Long> g = genMap();
        return switch (kind) {
            case Message.PING -> new Message(kind, Message.COMPAT, self, at, g, new TreeMap<>(), null,
                    tree == null ? null : tree.get(MONITOR));
            case Message.FULL -> {
                ObjectNode nd = JsonNodeFactory.instance.objectNode();
                nd.setAll(tree);
                ObjectNode gn = nd.putObject(GEN);
                g.forEach(gn::put);
                nd.put(UPDATED_AT, om.api.json.Json.time(at));
                yield new Message(kind, Message.COMPAT, self, at, g, queue, nd, null);
            }
            default -> new Message(kind, Message.COMPAT, self, at, g, queue, null, null);
        };
    }

    private void prune(Collection<String> live) {
        while (!queue.isEmpty()) {
            long first = queue.firstKey();
            for (String p : live) {
                long a = acked(p);
                // a peer reporting 0 needs a full, not batches; a report above our generation is from before our
                // restart: no acknowledgement
                if (peers.containsKey(p) && a != 0 && (a < first || a > gen)) {
                    return;
                }
            }
            queuedOps -= queue.pollFirstEntry().getValue().size();
        }
    }

    // ---- peers

    /**
     * Applies a peer's message (its envelope already authenticated and its sender checked). The same message
     * arriving through several heartbeats, or an older one, changes nothing.
     */
    Received receive(Message m) {
        Peer p = peers.computeIfAbsent(m.nodename(), n -> new Peer());
        if (!m.updatedAt().isAfter(p.last)) {
            return new Received(Change.NONE, false, Set.of(), p.tree, m);
        }
        p.last = m.updatedAt();
        heard = true;
        p.reported = m.gen();
        long theirs = m.ownGen();
        Change change = Change.NONE;
        Set<String> touched = Set.of();
        switch (m.kind()) {
            case Message.PING -> {
                if (p.tree != null && m.monitor() != null && !m.monitor().equals(p.tree.get(MONITOR))) {
                    p.tree.set(MONITOR, m.monitor());
                    change = Change.PATCHED;
                    touched = Set.of("/" + MONITOR);
                }
            }
            case Message.FULL -> {
                if (!p.needFull && p.tree != null && p.applied == theirs) {
                    break;
                }
                if (!p.needFull && p.tree != null && bridges(m.events(), p.applied, theirs)) {
                    touched = apply(p, m, theirs);
                    change = touched == null ? Change.NONE : Change.PATCHED;
                    if (touched != null) {
                        break;
                    }
                }
                p.tree = m.nodeData();
                p.applied = theirs;
                p.needFull = false;
                change = Change.REPLACED;
                touched = Set.of();
            }
            default -> {
                if (p.tree == null || p.needFull || theirs == p.applied) {
                    break;
                }
                if (theirs < p.applied || !bridges(m.events(), p.applied, theirs)) {
                    // the peer restarted, or a batch went missing: ask for a full
                    reset(p);
                    break;
                }
                touched = apply(p, m, theirs);
                change = touched == null ? Change.NONE : Change.PATCHED;
                if (touched == null) {
                    touched = Set.of();
                }
            }
        }
        if (change == Change.NONE && p.tree != null && !p.needFull && !held(m.gen()).equals(held(p.tree.path(GEN)))) {
            // the peer gained or lost a node's data (a death, a return): the quorum's agreement on a death reads it
            change = Change.PATCHED;
            touched = Set.of("/" + GEN);
        }
        if (p.tree != null && change != Change.NONE) {
            ObjectNode gn = p.tree.putObject(GEN);
            m.gen().forEach(gn::put);
            p.tree.put(UPDATED_AT, om.api.json.Json.time(m.updatedAt()));
        }
        long ackedSelf = m.gen().getOrDefault(self, 0L);
        boolean sendNow = ackedSelf != gen || (p.needFull ? 0 : p.applied) != theirs;
        return new Received(change, sendNow, touched, p.tree, m);
    }

    /** The nodes whose data a {@code gen} map shows held (a generation other than 0). */
    static Set<String> held(Map<String, Long> gen) {
        Set<String> out = new java.util.TreeSet<>();
        gen.forEach((n, g) -> {
            if (g != null && g != 0L) {
                out.add(n);
            }
        });
        return out;
    }

    private static Set<String> held(JsonNode gen) {
        Set<String> out = new java.util.TreeSet<>();
        gen.fields().forEachRemaining(e -> {
            if (e.getValue().asLong() != 0L) {
                out.add(e.getKey());
            }
        });
        return out;
    }

    /** Whether {@code events} hold every batch after {@code applied} up to {@code target}. */
    private static boolean bridges(SortedMap<Long, List<Op>> events, long applied, long target) {
        if (target <= applied) {
            return false;
        }
        for (long g = applied + 1; g <= target; g++) {
            if (!events.containsKey(g)) {
                return false;
            }
        }
        return true;
    }

    /** Applies the batches after the applied generation, in order; null (and a reset) when one does not apply. */
    private Set<String> apply(Peer p, Message m, long theirs) {
        Set<String> touched = new LinkedHashSet<>();
        try {
            for (Map.Entry<Long, List<Op>> e : m.events().tailMap(p.applied + 1).entrySet()) {
                for (Op op : e.getValue()) {
                    op.apply(p.tree);
                    touched.add(op.path());
                }
            }
        } catch (IllegalArgumentException e) {
            reset(p);
            return null;
        }
        p.applied = theirs;
        return touched;
    }

    private static void reset(Peer p) {
        p.applied = 0;
        p.needFull = true;
    }

    /** Whether a full of {@code peer} was applied and no batch is missing since. */
    boolean complete(String peer) {
        Peer p = peers.get(peer);
        return p != null && p.tree != null && !p.needFull;
    }

    /** The peer is dead: its tree goes; when it comes back it needs a full. Its last {@code updated_at} stays. */
    void dead(String peer) {
        Peer p = peers.get(peer);
        if (p != null) {
            p.tree = null;
            reset(p);
            p.reported = Map.of();
        }
    }

    /** The peers left the cluster ({@code cluster.nodes} changed): forgotten entirely. */
    void retain(Set<String> nodes) {
        peers.keySet().retainAll(nodes);
    }

    /** The peer's tree, null when none. */
    JsonNode tree(String peer) {
        Peer p = peers.get(peer);
        return p == null ? null : p.tree;
    }
}
