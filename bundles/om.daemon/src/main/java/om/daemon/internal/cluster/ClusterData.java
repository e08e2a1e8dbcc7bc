package om.daemon.internal.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import om.api.daemon.DaemonEvent;
import om.api.daemon.NodeData;
import om.api.json.DatasetJson;
import om.api.status.Level;

/**
 * The node data of every node as the monitor thread keeps it: the local node's committed as generations, and
 * each peer's (typed, rebuilt from its messages) while it is alive or in its maintenance grace. Owned by the
 * monitor thread (not thread-safe); the heartbeat threads reach it only through the {@link Hub}'s inbox and
 * outbox.
 */
public final class ClusterData {
    /** The node monitor state a stopping daemon announces. */
    public static final String MAINTENANCE = "maintenance";
    /** Messages applied per call of {@link #receive}: the monitor's other work must not starve. */
    static final int MAX_RECEIVE = 256;

    /**
     * What a call changed: {@code all} the objects are to be recomputed (a node came, went or changed its own
     * members), else the {@code paths} whose instances or configs changed.
     */
    public record Changes(boolean all, Set<String> paths) {
        static final Changes NONE = new Changes(false, Set.of());

        public boolean any() {
            return all || !paths.isEmpty();
        }

        Changes plus(Changes o) {
            if (!o.any()) {
                return this;
            }
            if (!any()) {
                return o;
            }
            if (all || o.all) {
                return new Changes(true, Set.of());
            }
            Set<String> p = new LinkedHashSet<>(paths);
            p.addAll(o.paths);
            return new Changes(false, p);
        }
    }

    private final String self;
    private final Hub hub;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Consumer<DaemonEvent> events;
    private final Exchange exchange;
    private final long firstGen;
    private final TreeMap<String, NodeData> peers = new TreeMap<>();
    /** Peers dead after announcing maintenance: when their data goes (nanoTime). */
    private final Map<String, Long> graceUntil = new HashMap<>();
    private final DropLog decodeLog = new DropLog(DropLog.EVERY);
    /** Per peer, the generation of our data its last message said it applied; read by other threads. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> applied =
            new java.util.concurrent.ConcurrentHashMap<>();
    private NodeData committed;
    private boolean sendNow;
    private long lastSend = Long.MIN_VALUE;

    public ClusterData(String self, Hub hub, Clock clock, LongSupplier nanoTime, Consumer<DaemonEvent> events) {
        this.self = self;
        this.hub = hub;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.events = events;
        this.exchange = new Exchange(self);
        this.firstGen = clock.millis();
    }

    // ---- the local node

    /**
     * Commits the local node data: the first time whole (generation = the start time in milliseconds), then as
     * the batch of what changed since the last commit.
     *
     * @return whether a new generation was committed (then a message is due at once)
     */
    public boolean commit(NodeData local) {
        if (committed == null) {
            exchange.baseline(DatasetJson.nodeData(local), firstGen);
            committed = local;
            sendNow = true;
            return true;
        }
        boolean changed = exchange.commit(Batches.diff(committed, local));
        committed = local;
        if (changed) {
            sendNow = true;
        }
        return changed;
    }

    /** Per node the last generation applied here: the {@code gen} of the local node data. */
    public Map<String, Long> genMap() {
        return exchange.genMap();
    }

    // ---- peers

    /** {@link om.api.cluster.ClusterView#applied}: a copy, safe from any thread. */
    public Map<String, Long> applied() {
        return Map.copyOf(applied);
    }

    /** The peers' data in the view: live peers, and dead ones in their maintenance grace. Sorted, read-only. */
    public Map<String, NodeData> peers() {
        return Collections.unmodifiableSortedMap(peers);
    }

    /** Whether a full of every one of {@code nodes} was applied (rejoin is over). */
    public boolean complete(Collection<String> nodes) {
        for (String n : nodes) {
            if (!n.equals(self) && !(exchange.complete(n) && peers.containsKey(n))) {
                return false;
            }
        }
        return true;
    }

    /** Applies the messages waiting in the hub's inbox (a bounded number). */
    public Changes receive() {
        Changes c = Changes.NONE;
        for (int i = 0; i < MAX_RECEIVE; i++) {
            Message m = hub.poll();
            if (m == null) {
                break;
            }
            c = c.plus(apply(m));
        }
        return c;
    }

    Changes apply(Message m) {
        Exchange.Received r = exchange.receive(m);
        // what the exchange accepted (a stale or duplicate message changes nothing); a report above our generation
        // is from before our restart: none of this life's data
        long a = exchange.acked(m.nodename());
        applied.put(m.nodename(), exchange.gen() > 0 && a > exchange.gen() ? 0L : a);
        if (r.sendNow()) {
            sendNow = true;
        }
        if (r.change() == Exchange.Change.NONE || r.tree() == null) {
            return Changes.NONE;
        }
        String node = m.nodename();
        NodeData prev = peers.get(node);
        PeerViews.Update u;
        try {
            u = PeerViews.update(node, r, prev, clock.instant());
        } catch (IllegalArgumentException e) {
            // a document the codec does not read (a newer peer, a bug): our next message asks for a full (at the
            // interval, not at once: two nodes that cannot read each other must not loop on fulls), keep what we had
            exchange.dead(node);
            if (decodeLog.due(node, nanoTime.getAsLong()) >= 0) {
                hub.log(Level.WARN, "cannot read the node data of " + node + ": " + e.getMessage());
            }
            return Changes.NONE;
        }
        peers.put(node, u.data());
        graceUntil.remove(node);
        u.events().forEach(events);
        if (prev == null || r.change() == Exchange.Change.REPLACED) {
            return new Changes(true, Set.of());
        }
        Set<String> paths = new LinkedHashSet<>();
        for (String pointer : r.touched()) {
            List<String> names = Op.names(pointer);
            if (names.size() >= 3 && Batches.SERVICES.equals(names.get(0))) {
                paths.add(names.get(2));
            } else {
                // the node's own members (monitor, frozen, stats): every object's candidates may change
                return new Changes(true, Set.of());
            }
        }
        return new Changes(false, paths);
    }

    /**
     * Liveness: a peer no rx hears leaves the view at once, or after {@code maintenanceGrace} when it announced
     * maintenance; peers outside {@code members} are forgotten.
     */
    public Changes tick(Set<String> members, Duration maintenanceGrace) {
        long now = nanoTime.getAsLong();
        Set<String> alive = hub.alive();
        exchange.retain(members);
        Changes c = Changes.NONE;
        for (String n : members) {
            if (!n.equals(self) && !alive.contains(n)) {
                // when it comes back, it starts with a full
                exchange.dead(n);
            }
        }
        for (String n : List.copyOf(peers.keySet())) {
            if (!members.contains(n)) {
                c = c.plus(drop(n, "left the cluster"));
                continue;
            }
            if (alive.contains(n)) {
                graceUntil.remove(n);
                continue;
            }
            Long until = graceUntil.get(n);
            NodeData d = peers.get(n);
            if (until == null && d.monitor() != null && MAINTENANCE.equals(d.monitor().state())) {
                graceUntil.put(n, now + maintenanceGrace.toNanos());
                hub.log(Level.INFO, n + " is not beating after announcing maintenance: its data is kept for "
                        + om.api.config.Values.formatDuration(maintenanceGrace));
            } else if (until == null) {
                c = c.plus(drop(n, "is dead"));
            } else if (now - until >= 0) {
                c = c.plus(drop(n, "maintenance grace period expired"));
            }
        }
        return c;
    }

    /** Peers kept in their maintenance grace. */
    public Set<String> preserved() {
        return Set.copyOf(graceUntil.keySet());
    }

    private Changes drop(String node, String why) {
        peers.remove(node);
        graceUntil.remove(node);
        exchange.dead(node);
        events.accept(new DaemonEvent.NodeDataDeleted(clock.instant(), node));
        hub.log(Level.INFO, node + " " + why + ": its data left the cluster view");
        return new Changes(true, Set.of());
    }

    // ---- sending

    /** A message is due: after a commit, when a peer asked, or {@code interval} after the last one. */
    public boolean due() {
        if (!hub.hasLinks()) {
            return false;
        }
        return sendNow || lastSend == Long.MIN_VALUE || nanoTime.getAsLong() - lastSend >= hub.interval().toNanos();
    }

    /** Nanoseconds until the next message is due at the latest (interval), for the monitor's wait. */
    public long untilDue() {
        if (!hub.hasLinks()) {
            return Long.MAX_VALUE;
        }
        if (sendNow || lastSend == Long.MIN_VALUE) {
            return 0;
        }
        return Math.max(0, lastSend + hub.interval().toNanos() - nanoTime.getAsLong());
    }

    /**
     * Builds our next message for the live peers and hands it to every heartbeat.
     *
     * @return counted down once every tx thread sent it
     */
    public CountDownLatch send() {
        Message m = exchange.next(clock.instant(), hub.alive(), hub.interval());
        lastSend = nanoTime.getAsLong();
        sendNow = false;
        return hub.send(m);
    }

    /** The generation committed last (tests). */
    long gen() {
        return exchange.gen();
    }

    Instant startedAt() {
        return Instant.ofEpochMilli(firstGen);
    }
}
