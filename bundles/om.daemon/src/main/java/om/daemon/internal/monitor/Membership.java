package om.daemon.internal.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import om.api.Installation;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonEvent;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.NodeMonitor;
import om.api.daemon.ThreadStatus;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.api.status.Level;
import om.daemon.internal.cluster.ClusterData;
import om.daemon.internal.cluster.Hub;
import om.daemon.internal.events.EventBus;

/**
 * The node's own side of the dataset and its membership in the cluster: the cluster identity (from the one reader
 * of cluster.conf/node.conf), the node monitor ({@code rejoin} at start in a multi-node cluster, {@code idle},
 * {@code maintenance} announced by {@code om daemon stop|restart}), the node frozen flag, the peers' liveness and
 * maintenance grace, and the heartbeat threads' changes (events). Owned by the monitor thread (not thread-safe),
 * except {@link #askMaintenance}. Each method that changes the node's members says so by its result: the monitor
 * then marks the node data changed and computes every object's leaders again (a node in rejoin or maintenance, or
 * frozen, is no placement candidate).
 */
final class Membership {
    static final Duration REJOIN_GRACE = Duration.ofSeconds(90);
    static final Duration MAINTENANCE_GRACE = Duration.ofSeconds(60);
    static final String REJOIN = "rejoin";
    /**
     * A gap this long between two looks at the peers' liveness (every 250 ms otherwise) means this process did not
     * run: SIGSTOP, a VM or swap pause. The silence that followed is its own, not the peers'.
     */
    static final Duration STALL = Duration.ofSeconds(2);

    private final Installation installation;
    private final NodeSettings settings;
    private final Hub hub;
    private final ClusterData data;
    private final EventBus events;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final String node;
    private final ConcurrentLinkedQueue<CompletableFuture<CountDownLatch>> maintenance =
            new ConcurrentLinkedQueue<>();

    private ClusterIdentity cluster;
    private Duration rejoinGrace = REJOIN_GRACE;
    private Duration maintenanceGrace = MAINTENANCE_GRACE;
    private long rejoinStart;
    private NodeMonitor nodeMonitor;
    private Instant frozenAt;
    private Stamp nodeFrozenStamp;
    private Map<String, Object> hbSignature = Map.of();
    /** Peers alive at the last look, and those seen dead since they were: their return is logged. */
    private final Set<String> wasAlive = new HashSet<>();
    private final Set<String> lost = new HashSet<>();
    /** The last look at the peers' liveness, and until when, after a stall, they are not judged. */
    private long lastLook = Long.MIN_VALUE;
    private long settleUntil = Long.MIN_VALUE;

    Membership(Installation installation, NodeSettings settings, Hub hub, ClusterData data, EventBus events,
               Clock clock, LongSupplier nanoTime, Instant created) {
        this.installation = installation;
        this.settings = settings;
        this.hub = hub;
        this.data = data;
        this.events = events;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.node = installation.nodename();
        this.cluster = read();
        // a daemon starting in a multi-node cluster waits for its peers' data before orchestrating
        this.nodeMonitor = new NodeMonitor(peers().isEmpty() ? NodeMonitor.IDLE : REJOIN, NodeMonitor.NONE, created);
    }

    ClusterIdentity cluster() {
        return cluster;
    }

    /** The other nodes of {@code cluster.nodes}. */
    List<String> peers() {
        return cluster.nodes().stream().filter(n -> !n.equals(node)).toList();
    }

    NodeMonitor nodeMonitor() {
        return nodeMonitor;
    }

    /** When the node was frozen; null when it is not. */
    Instant frozenAt() {
        return frozenAt;
    }

    /** The monitor thread starts: the rejoin grace period runs from now. */
    void started() {
        rejoinStart = nanoTime.getAsLong();
    }

    /** Reads the cluster identity again (re-read by the settings only when the files change): whether it changed. */
    boolean readCluster() {
        ClusterIdentity c = read();
        if (c.equals(cluster)) {
            return false;
        }
        cluster = c;
        return true;
    }

    private ClusterIdentity read() {
        try {
            NodeConfig c = settings.current();
            rejoinGrace = c.getDuration("node", "rejoin_grace_period", REJOIN_GRACE);
            maintenanceGrace = c.getDuration("node", "maintenance_grace_period", MAINTENANCE_GRACE);
            return new ClusterIdentity(c.clusterName(), c.clusterId(), c.clusterNodes(), c.quorum());
        } catch (RuntimeException e) {
            // unreadable for a moment: keep what we showed
            return cluster == null ? new ClusterIdentity("default", "", List.of(node), false) : cluster;
        }
    }

    private Path frozenFlag() {
        return installation.var().resolve("node").resolve("frozen");
    }

    /** Compares the node frozen flag ({@code om node freeze|thaw}) with what was read: whether it changed. */
    boolean scanFrozen() {
        Stamp nf = Stamp.of(frozenFlag());
        if (Objects.equals(nf, nodeFrozenStamp)) {
            return false;
        }
        nodeFrozenStamp = nf;
        frozenAt = nf == null ? null : nf.mtime().toInstant();
        return true;
    }

    /**
     * Liveness and maintenance grace of the peers: what left the view. A peer heard again after its death (or after
     * it stopped) is logged once per return, as its death is.
     */
    ClusterData.Changes liveness() {
        if (stalled()) {
            return new ClusterData.Changes(false, Set.of());
        }
        Set<String> alive = hub.alive();
        for (String p : peers()) {
            if (alive.contains(p) && lost.remove(p)) {
                hub.log(Level.INFO, p + " is alive again");
            } else if (!alive.contains(p) && wasAlive.contains(p)) {
                lost.add(p);
            }
        }
        wasAlive.clear();
        wasAlive.addAll(alive);
        return data.tick(Set.copyOf(cluster.nodes()), maintenanceGrace);
    }

    /**
     * Whether the peers are not to be judged now: for one heartbeat interval after this process resumes from a
     * stall, the rx threads read what the peers sent meanwhile. Judged at once, every peer's last message is older
     * than the timeout: the node would drop them all, count its votes alone and take over (fencing the peers)
     * what they run, on a view that is only stale.
     */
    private boolean stalled() {
        long now = nanoTime.getAsLong();
        long last = lastLook;
        lastLook = now;
        if (peers().isEmpty()) {
            return false;
        }
        if (last != Long.MIN_VALUE && now - last > STALL.toNanos()) {
            Duration settle = hub.interval();
            settleUntil = now + settle.toNanos();
            hub.log(Level.INFO, "the daemon did not run for " + millis(now - last) + ": the peers are judged again in "
                    + om.api.config.Values.formatDuration(settle) + ", once their messages of that time are read");
        }
        return settleUntil != Long.MIN_VALUE && now - settleUntil < 0;
    }

    /**
     * Rejoin (orchestration.md section 7): idle once a full of every peer was applied; when the grace period
     * expires first, the node freezes itself and goes idle.
     *
     * @return whether the node monitor or the frozen flag changed
     */
    boolean rejoin() {
        if (!REJOIN.equals(nodeMonitor.state())) {
            return false;
        }
        if (data.complete(peers())) {
            hub.log(Level.INFO, "rejoin done after " + millis(nanoTime.getAsLong() - rejoinStart)
                    + ": the data of every peer was applied");
            return setState(NodeMonitor.IDLE);
        }
        if (nanoTime.getAsLong() - rejoinStart < rejoinGrace.toNanos()) {
            return false;
        }
        if (frozenAt == null) {
            freezeNode();
        }
        hub.log(Level.WARN, "rejoin grace period expired: local node has been frozen");
        setState(NodeMonitor.IDLE);
        return true;
    }

    private static String millis(long nanos) {
        return nanos / 1_000_000 + " ms";
    }

    private void freezeNode() {
        Path f = frozenFlag();
        try {
            Files.createDirectories(f.getParent());
            if (!Files.exists(f)) {
                Files.createFile(f);
            }
            nodeFrozenStamp = Stamp.of(f);
            frozenAt = nodeFrozenStamp == null ? clock.instant() : nodeFrozenStamp.mtime().toInstant();
        } catch (IOException e) {
            hub.log(Level.ERROR, "cannot freeze the node: " + e.getMessage());
        }
    }

    /** Sets the node monitor state and publishes the event: whether it changed. */
    boolean setState(String state) {
        if (state.equals(nodeMonitor.state())) {
            return false;
        }
        nodeMonitor = new NodeMonitor(state, nodeMonitor.globalExpect(), clock.instant());
        events.publish(new DaemonEvent.NodeMonitorUpdated(clock.instant(), node, nodeMonitor));
        return true;
    }

    /**
     * Any thread ({@code om daemon stop|restart}): asks the monitor thread to announce {@code maintenance}.
     *
     * @return completed by the monitor thread with a latch counted down once every heartbeat sent the announce
     */
    CompletableFuture<CountDownLatch> askMaintenance() {
        CompletableFuture<CountDownLatch> f = new CompletableFuture<>();
        maintenance.add(f);
        return f;
    }

    /** Whether an announce of {@code maintenance} was asked and not answered yet. */
    boolean maintenanceAsked() {
        return !maintenance.isEmpty();
    }

    /** The announce was committed and handed to the heartbeats: answers every caller waiting for it. */
    void announced(CountDownLatch sent) {
        for (CompletableFuture<CountDownLatch> f = maintenance.poll(); f != null; f = maintenance.poll()) {
            f.complete(sent);
        }
    }

    /**
     * A heartbeat thread's state or a peer's beating changed: an event per heartbeat that changed.
     *
     * @return whether anything changed (the snapshot is to be refreshed)
     */
    boolean heartbeatEvents() {
        Map<String, HeartbeatStatus> hbs = hub.statuses();
        Map<String, ThreadStatus> threads = hub.threads();
        Map<String, Object> sig = new TreeMap<>();
        hbs.forEach((name, h) -> {
            Map<String, Boolean> beating = new TreeMap<>();
            h.peers().forEach((p, peer) -> beating.put(p, peer.beating()));
            ThreadStatus t = threads.get(name);
            sig.put(name, List.of(t == null ? "" : t.state(), t == null ? List.of() : t.alerts(), beating,
                    h.dropped()));
        });
        if (sig.equals(hbSignature)) {
            return false;
        }
        Map<String, Object> before = hbSignature;
        hbSignature = sig;
        hbs.forEach((name, h) -> {
            if (!Objects.equals(before.get(name), sig.get(name))) {
                events.publish(new DaemonEvent.HbStatusUpdated(clock.instant(), node, h));
            }
        });
        return true;
    }
}
