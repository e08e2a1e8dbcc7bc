package om.daemon.internal.replication;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionLog;
import om.api.cli.DaemonControl;
import om.api.cluster.ClusterView;
import om.api.config.ObjectStore;
import om.api.config.Values;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;
import om.daemon.internal.control.NodeLog;
import om.daemon.internal.http.PeerClient;
import om.daemon.internal.replication.ReplicationRules.Decision;
import om.daemon.internal.replication.ReplicationRules.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Applies {@link ReplicationRules} to every object the cluster view shows, when what the rules read of the view
 * (each node's config summaries and deletions) changed: looked at on each config and node data event and at least
 * every second, a pass over every object runs only then, while a retry is pending, and every {@link #SAFETY} (a
 * pass at 1,000 objects on 3 nodes costs a few milliseconds; an idle daemon made one every second): fetches a newer config from the peer that has it (node API,
 * {@code config/file}), checks its checksum against what the peer announced, and installs it through the object
 * store (which re-checks the order under the config lock and keeps the peer's mtime, so the copy does not bounce
 * back); deletes the local copy of an object a peer deleted later; removes (without a tombstone) the local copy of
 * an object whose newer config leaves this node out of its scope; logs the concurrent changes that lost.
 */
@Component(service = Replicator.class, immediate = true)
public final class Replicator {
    static final Duration PERIOD = Duration.ofSeconds(1);
    /** A pass runs at least this often even when the view looks the same (a file changed behind the monitor). */
    static final Duration SAFETY = Duration.ofSeconds(30);
    /** A version that could not be installed (invalid here, unreachable peer) is tried again after this. */
    static final Duration RETRY = Duration.ofSeconds(30);
    static final int SEEN_PER_NODE = 8;

    private final DaemonControl daemon;
    private final ObjectStore store;
    private final PeerClient peers;
    private final String self;
    private final NodeLog nodeLog;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ClusterView cluster;

    /** path -> node -> the last checksums that node was seen with (oldest first). */
    private final Map<String, Map<String, LinkedHashSet<String>>> seen = new HashMap<>();
    /** "path checksum" -> when the attempt to install it failed (monotonic nanos). */
    private final Map<String, Long> failed = new HashMap<>();
    /** Losers already logged: "path node checksum". */
    private final Set<String> loggedLosers = ConcurrentHashMap.newKeySet();
    /** Out-of-scope removals refused (an action holds the lock) and already logged: "path checksum". */
    private final Set<String> refused = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** What the last pass read of the view: node -> its config summaries and deletions (owned by the thread). */
    private Map<String, Inputs> lastInputs = Map.of();
    private long lastRound;
    /** Passes made (tests: an idle view costs none). */
    private volatile long passes;

    /** The parts of a node's data the rules read: immutable maps of a snapshot, compared by value. */
    private record Inputs(Map<String, ObjectConfigSummary> configs, Map<String, Instant> deleted) {
    }

    @Activate
    public Replicator(@Reference DaemonControl daemon, @Reference ObjectStore store, @Reference PeerClient peers,
                      @Reference Installation installation) {
        this.daemon = daemon;
        this.store = store;
        this.peers = peers;
        this.self = installation.nodename();
        this.nodeLog = new NodeLog(null, Clock.systemUTC(), self);
        this.thread = new Thread(this::loop, "om-replication");
        thread.setDaemon(true);
        thread.start();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(om.log=multiplexer)", unbind = "unbindLog")
    void bindLog(ActionLog log) {
        nodeLog.bind(log);
    }

    void unbindLog(ActionLog log) {
        nodeLog.unbind(log);
    }

    @Deactivate
    void deactivate() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DaemonStatus view() {
        ClusterView c = cluster;
        return c != null ? c.current() : daemon.status();
    }

    /** The {@code sync#i0} status of an object, from the view now. */
    public Optional<SyncStatus> syncStatus(ObjectPath path) {
        DaemonStatus v = view();
        NodeData mine = v.nodes().get(self);
        ObjectConfigSummary local = mine == null ? null : mine.configs().get(path.canonical());
        return local == null ? Optional.empty() : Optional.of(SyncStatus.of(self, path.canonical(), local, v.nodes()));
    }

    private void loop() {
        DaemonEvents.Subscription sub = null;
        try {
            sub = daemon.events().subscribe(256);
        } catch (RuntimeException e) {
            // no event stream: the periodic round alone
        }
        try {
            while (running) {
                try {
                    roundIfChanged();
                } catch (RuntimeException e) {
                    nodeLog.warning("replication: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                waitForChange(sub);
            }
        } finally {
            if (sub != null) {
                sub.close();
            }
        }
    }

    private static void waitForChange(DaemonEvents.Subscription sub) {
        if (sub == null) {
            try {
                Thread.sleep(PERIOD.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        long end = System.nanoTime() + PERIOD.toNanos();
        while (true) {
            long left = end - System.nanoTime();
            if (left <= 0 || Thread.currentThread().isInterrupted()) {
                return;
            }
            DaemonEvent e = sub.poll(Duration.ofNanos(left));
            if (e instanceof DaemonEvent.ConfigUpdated || e instanceof DaemonEvent.NodeDataUpdated) {
                // a batch of events comes together: let it settle a moment before reading the view
                sleep(Duration.ofMillis(50));
                return;
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A pass when the view's config summaries or deletions differ from those of the last pass, a retry is pending
     * (a failed fetch, a refused removal) or {@link #SAFETY} has passed; else nothing.
     */
    void roundIfChanged() {
        DaemonStatus v = view();
        Map<String, Inputs> inputs = new HashMap<>();
        v.nodes().forEach((node, data) -> inputs.put(node, new Inputs(data.configs(), data.deleted())));
        long now = System.nanoTime();
        boolean retryDue = !refused.isEmpty() || failed.values().stream().anyMatch(t -> now - t >= RETRY.toNanos());
        if (inputs.equals(lastInputs) && !retryDue && now - lastRound < SAFETY.toNanos()) {
            return;
        }
        lastInputs = inputs;
        lastRound = now;
        passes++;
        round(v);
    }

    long passes() {
        return passes;
    }

    /** One pass over every object of the view. */
    private void round(DaemonStatus v) {
        Map<String, NodeData> nodes = v.nodes();
        if (nodes.keySet().stream().allMatch(self::equals)) {
            return;
        }
        NodeData mine = nodes.get(self);
        Set<String> paths = new TreeSet<>();
        nodes.forEach((node, data) -> {
            paths.addAll(data.configs().keySet());
            if (!node.equals(self)) {
                paths.addAll(data.deleted().keySet());
            }
        });
        // objects no node shows any more are forgotten
        seen.keySet().retainAll(paths);
        for (String path : paths) {
            remember(path, nodes);
            if (!running) {
                return;
            }
            try {
                one(path, mine, nodes);
            } catch (RuntimeException e) {
                nodeLog.warning("replication: " + path + ": " + e.getMessage());
            }
        }
    }

    private void remember(String path, Map<String, NodeData> nodes) {
        Map<String, LinkedHashSet<String>> byNode = seen.computeIfAbsent(path, k -> new HashMap<>());
        nodes.forEach((node, data) -> {
            ObjectConfigSummary s = data.configs().get(path);
            String mark = s == null ? ReplicationRules.ABSENT : s.checksum();
            if (!mark.isEmpty()) {
                LinkedHashSet<String> set = byNode.computeIfAbsent(node, k -> new LinkedHashSet<>());
                set.remove(mark);
                set.add(mark);
                while (set.size() > SEEN_PER_NODE) {
                    set.remove(set.iterator().next());
                }
            }
        });
    }

    private void one(String path, NodeData mine, Map<String, NodeData> nodes) {
        if (!ObjectPath.isValid(path)) {
            // not an object of ours (a peer's newer kind, a stray file among its tombstones)
            return;
        }
        ObjectPath p = ObjectPath.parse(path);
        if (p.kind() == om.api.Kind.CCFG) {
            return;
        }
        Version local = localVersion(p, mine);
        // the monitor's scan of the tombstones when it has one, else the file (a stat)
        Instant tombstone = mine != null && mine.deleted().containsKey(path) ? mine.deleted().get(path)
                : local == null ? store.deletedAt(p).orElse(null) : null;
        Map<String, Set<String>> seenNow = new HashMap<>();
        seen.getOrDefault(path, Map.of()).forEach((n, s) -> seenNow.put(n, Set.copyOf(s)));
        Decision d = ReplicationRules.decide(self, path, local, tombstone, nodes, seenNow);
        if (d instanceof ReplicationRules.Fetch f) {
            logLosers(path, f.losers(), f.peer(), f.version());
            fetch(p, f.peer(), f.version(), local);
        } else if (d instanceof ReplicationRules.Delete del) {
            if (store.deleteReplicated(p, del.deletedAt())) {
                nodeLog.info("replication: " + path + ": deleted, as "
                        + (del.peer().equals(self) ? "by the unfinished delete of this node" : "on " + del.peer())
                        + " at " + del.deletedAt());
            }
        } else if (d instanceof ReplicationRules.LeftScope left) {
            removeOutOfScope(p, left);
        } else {
            logLosers(path, d.losers(), self, local);
        }
    }

    /**
     * Removes the local copy of an object this node left the scope of, without a tombstone (which would delete it
     * on the nodes still in scope). The store takes the action lock without waiting: under a running action it
     * refuses, said once per version, and a later round tries again.
     */
    private void removeOutOfScope(ObjectPath p, ReplicationRules.LeftScope left) {
        String key = p.canonical() + " " + left.version().checksum();
        try {
            if (store.removeOutOfScope(p, left.version().mtime(), left.version().checksum())) {
                refused.remove(key);
                nodeLog.info(p.canonical() + ": config removed, this node left its scope (newer config of "
                        + left.peer() + ")");
            }
        } catch (RuntimeException e) {
            if (refused.add(key)) {
                // bounded: one entry per object at most matters, the oldest go first
                while (refused.size() > 1024) {
                    refused.remove(refused.iterator().next());
                }
                nodeLog.warning("replication: " + p.canonical() + ": cannot remove the config this node left the"
                        + " scope of: " + oneLine(e.getMessage()));
            }
        }
    }

    /** The local version: the monitor's summary when it has one, else the file itself. */
    private Version localVersion(ObjectPath p, NodeData mine) {
        ObjectConfigSummary s = mine == null ? null : mine.configs().get(p.canonical());
        if (s != null && !s.checksum().isEmpty() && s.mtime() != null) {
            return Version.of(s);
        }
        Path file = store.configFile(p);
        try {
            byte[] bytes = Files.readAllBytes(file);
            return new Version(Files.getLastModifiedTime(file).toInstant(), Values.sha256(bytes));
        } catch (IOException e) {
            return null;
        }
    }

    private void logLosers(String path, java.util.List<ReplicationRules.Loser> losers, String winner,
                           Version winning) {
        for (ReplicationRules.Loser l : losers) {
            if (loggedLosers.add(path + " " + l.node() + " " + l.version().checksum())) {
                String who = l.node().equals(self) ? "the local change" : "the change on " + l.node();
                nodeLog.warning("replication: " + path + ": " + who + " (mtime " + l.version().mtime()
                        + ") loses to the newer one " + (winner.equals(self) ? "of this node" : "of " + winner)
                        + (winning == null ? "" : " (mtime " + winning.mtime() + ")"));
            }
        }
    }

    private void fetch(ObjectPath p, String peer, Version version, Version local) {
        String key = p.canonical() + " " + version.checksum();
        Long at = failed.get(key);
        if (at != null && System.nanoTime() - at < RETRY.toNanos()) {
            return;
        }
        String url = "/api/object/path/" + p.namespace() + "/" + p.kind().word() + "/" + p.name() + "/config/file";
        try {
            PeerClient.Reply r = peers.get(peer, url);
            if (r.status() != 200) {
                throw new OmException(peer + " answered " + r.status() + ": " + oneLine(r.text()));
            }
            String checksum = Values.sha256(r.body());
            if (!checksum.equals(version.checksum())) {
                // changed on the peer since it announced it: the next announcement brings the new version
                return;
            }
            Instant mtime = mtime(r, version);
            if (store.replicate(p, r.body(), mtime)) {
                failed.remove(key);
                nodeLog.info("replication: " + p.canonical() + ": installed the version of " + peer + " (mtime "
                        + mtime + ", sha256 " + checksum.substring(0, 12) + ")"
                        + (local == null ? "" : ", replacing the local one of " + local.mtime()));
            }
        } catch (RuntimeException e) {
            long now = System.nanoTime();
            // bounded: failures older than the retry delay are forgotten
            failed.values().removeIf(t -> now - t >= RETRY.toNanos());
            failed.put(key, now);
            nodeLog.warning("replication: " + p.canonical() + ": cannot install the version of " + peer + ": "
                    + oneLine(e.getMessage()));
        }
    }

    /** The peer's exact mtime (nanoseconds) from its reply, when it is the announced one to the millisecond. */
    private static Instant mtime(PeerClient.Reply r, Version announced) {
        String h = r.omHeaders().get("X-Om-Mtime");
        if (h != null) {
            try {
                Instant t = Instant.parse(h);
                if (t.toEpochMilli() == announced.mtime().toEpochMilli()) {
                    return t;
                }
            } catch (DateTimeParseException e) {
                // the announced time then
            }
        }
        return announced.mtime();
    }

    private static String oneLine(String s) {
        return s == null ? "" : om.api.Quote.line(s.strip().lines().findFirst().orElse(""), 200);
    }
}
