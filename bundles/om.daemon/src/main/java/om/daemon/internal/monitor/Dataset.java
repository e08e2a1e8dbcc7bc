package om.daemon.internal.monitor;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import om.api.daemon.DaemonEvent;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.status.InstanceStatus;
import om.daemon.internal.cluster.ClusterData;
import om.daemon.internal.events.EventBus;
import om.daemon.internal.scheduler.Scheduler;

/**
 * The local node data and the aggregated objects, as the monitor thread keeps them: per local object its config
 * summary, instance status (with {@code sync#i0}) and instance monitor (leader), per object of the view (local or
 * a peer's only) its object status; and the node's figures, tombstones and last change. It applies the
 * evaluation pool's results and the peers' changes, publishes each change as an event and says, by
 * {@link #dirty}, that a snapshot is due. The node monitor and frozen flag are {@link Membership}'s, the file
 * stamps {@link LocalObjects}'; the snapshot is the {@link Monitor}'s. Owned by the monitor thread (not
 * thread-safe).
 */
final class Dataset {
    private final String node;
    private final Clock clock;
    private final EventBus events;
    private final Scheduler scheduler;
    private final ClusterData data;
    private final Membership membership;
    private final LocalObjects entries;
    private final TreeMap<String, ObjectConfigSummary> configs = new TreeMap<>();
    private final TreeMap<String, InstanceStatus> instances = new TreeMap<>();
    private final TreeMap<String, InstanceMonitor> monitors = new TreeMap<>();
    private final TreeMap<String, ObjectStatus> objects = new TreeMap<>();
    /** The local monitors as the orchestrator set them (state, targets); leader and local expect are shown here. */
    private final TreeMap<String, InstanceMonitor> given = new TreeMap<>();
    private NodeStats stats = NodeStats.UNKNOWN;
    private TreeMap<String, Instant> deleted = new TreeMap<>();
    private Map<String, om.api.daemon.ArbitratorStatus> arbitrators = Map.of();
    private Instant updatedAt;
    private boolean dirty = true;
    /** The peers' data as last aggregated (null: never), to find what a peer's change touches. */
    private Map<String, NodeData> seenPeers;

    Dataset(String node, Clock clock, EventBus events, Scheduler scheduler, ClusterData data, Membership membership,
            LocalObjects entries, Instant created) {
        this.node = node;
        this.clock = clock;
        this.events = events;
        this.scheduler = scheduler;
        this.data = data;
        this.membership = membership;
        this.entries = entries;
        this.updatedAt = created;
    }

    /** Whether something changed since the last snapshot. */
    boolean dirty() {
        return dirty;
    }

    /** Something the snapshot shows changed (a thread's state, the cluster identity). */
    void changed() {
        dirty = true;
    }

    /** A snapshot was taken. */
    void published() {
        dirty = false;
    }

    /** A new generation was committed from {@link #localData}. */
    void committed() {
        updatedAt = clock.instant();
    }

    /** The node's own data changed (its monitor, frozen flag, figures, tombstones). */
    void touchNode() {
        updatedAt = clock.instant();
        dirty = true;
    }

    /** The node's own members changed (monitor, frozen): committed, and every object's candidates again. */
    void nodeChanged() {
        touchNode();
        recomputeAll();
    }

    /** The node figures read (every 10 s). */
    void stats(NodeStats s) {
        if (!s.equals(stats)) {
            stats = s;
            touchNode();
            events.publish(new DaemonEvent.NodeStatsUpdated(clock.instant(), node, s));
        }
        // the threads' states travel with the snapshot: refresh it at least this often
        dirty = true;
    }

    /** The tombstones found ({@link Tombstones}), the node data's {@code services.deleted}. */
    void deleted(TreeMap<String, Instant> found) {
        if (!found.equals(deleted)) {
            deleted = found;
            touchNode();
        }
    }

    /** The arbitrators as the quorum watch checked them last, the node data's {@code arbitrators}. */
    void arbitrators(Map<String, om.api.daemon.ArbitratorStatus> seen) {
        if (!seen.equals(arbitrators)) {
            arbitrators = Map.copyOf(seen);
            touchNode();
        }
    }

    /** The aggregated objects (the snapshot copies them). */
    Map<String, ObjectStatus> objects() {
        return objects;
    }

    /** The local node data as it is now (the maps are copied by the record). */
    NodeData localData() {
        Instant frozenAt = membership.frozenAt();
        return new NodeData(membership.nodeMonitor(), frozenAt != null, frozenAt, updatedAt, data.genMap(), stats,
                arbitrators, configs, instances, monitors, deleted);
    }

    /** A worker's result: the entry's stamps and facts, the config summary and instance status, events. */
    void apply(Evaluator.Result r) {
        LocalObjects.Entry e = entries.get(r.path());
        if (e == null) {
            return;
        }
        if (r.gone()) {
            remove(e);
            return;
        }
        if (r.facts() != null) {
            e.facts = r.facts();
            if (!r.config().equals(configs.put(e.key, r.config()))) {
                events.publish(new DaemonEvent.ConfigUpdated(clock.instant(), node, e.key, r.config()));
            }
        }
        if (r.facts() != null || r.error() != null) {
            e.loadAsked = false;
            e.configStamp = r.configStamp();
        }
        if (r.error() != null) {
            // a broken config or a failed evaluation: the object keeps its last status; tried again when one of
            // its files changes
            e.error = r.error();
            e.instanceRead(r);
            return;
        }
        e.error = null;
        if (r.status() != null) {
            e.instanceRead(r);
            e.localExpect = r.localExpect();
            InstanceStatus st = LocalInstances.withSync(node, e.key, r.status(), configs.get(e.key), data.peers());
            InstanceStatus prev = instances.put(e.key, st);
            if (!st.equals(prev)) {
                events.publish(new DaemonEvent.InstanceStatusUpdated(clock.instant(), node, e.key, st));
            }
        }
        if (e.facts != null) {
            scheduler.plan(e.path, e.facts.jobs(), instances.get(e.key));
        }
        recompute(e);
        dirty = true;
    }

    private void recompute(LocalObjects.Entry e) {
        recompute(e.key);
    }

    /** Every object known here or in a peer's data (a node came, went, or changed what makes candidates). */
    void recomputeAll() {
        seenPeers = Map.copyOf(data.peers());
        TreeSet<String> keys = new TreeSet<>(entries.keys());
        keys.addAll(objects.keySet());
        for (NodeData d : data.peers().values()) {
            keys.addAll(d.instances().keySet());
        }
        keys.forEach(this::recompute);
    }

    /** What the peers' messages or their liveness changed: those objects (or all) aggregated again. */
    void apply(ClusterData.Changes c) {
        if (!c.any()) {
            return;
        }
        dirty = true;
        Map<String, NodeData> now = Map.copyOf(data.peers());
        if (c.all()) {
            // "all" says a peer's own members changed, or its data was replaced: what that changes is found by
            // comparing its data with what was aggregated last
            PeerChanges p = PeerChanges.between(seenPeers, now);
            if (p.all()) {
                recomputeAll();
            } else {
                p.paths().forEach(this::recompute);
            }
        } else {
            c.paths().forEach(this::recompute);
        }
        seenPeers = now;
    }

    /**
     * Leaders and object status of one object, from the data of the nodes of the view: this one and the peers
     * (status.md section 4, orchestration.md section 4); the local instance monitor shows whether it leads.
     */
    private void recompute(String key) {
        if (!LocalInstances.published(key)) {
            removeObject(key);
            return;
        }
        resync(key);
        LocalObjects.Entry e = entries.get(key);
        InstanceStatus st = instances.get(key);
        ObjectStatus.Facts facts = e != null && e.facts != null ? e.facts.facts()
                : Aggregation.peerFacts(key, data.peers());
        if (facts == null) {
            removeObject(key);
            return;
        }
        InstanceMonitor prevMon = monitors.get(key);
        InstanceMonitor mon = null;
        if (e != null && e.facts != null && st != null) {
            // the orchestrator's when it set one (its state, targets and leadership), else what was shown
            InstanceMonitor g = given.get(key);
            mon = g != null ? g : prevMon == null ? InstanceMonitor.idle(false) : prevMon;
            // the local expect has one owner, InstanceFlags: the monitor shows it
            mon = mon.withLocalExpect(e.localExpect);
            if (!mon.equals(prevMon)) {
                monitors.put(key, mon);
                events.publish(new DaemonEvent.InstanceMonitorUpdated(clock.instant(), node, key, mon));
                dirty = true;
            }
        }
        Aggregation.Result r = Aggregation.of(key, facts, node, mon == null ? null : st, mon, data.peers());
        if (r == null) {
            removeObject(key);
            return;
        }
        if (!r.status().equals(objects.put(key, r.status()))) {
            events.publish(new DaemonEvent.ObjectStatusUpdated(clock.instant(), node, key, r.status()));
            dirty = true;
        }
    }

    /** sync#i0 of the local instance again: the local config or a peer's config summary changed. */
    private void resync(String key) {
        InstanceStatus st = instances.get(key);
        InstanceStatus synced = LocalInstances.withSync(node, key, st, configs.get(key), data.peers());
        if (synced != null && !synced.equals(st)) {
            instances.put(key, synced);
            events.publish(new DaemonEvent.InstanceStatusUpdated(clock.instant(), node, key, synced));
            dirty = true;
        }
    }

    private void removeObject(String key) {
        if (objects.remove(key) != null) {
            events.publish(new DaemonEvent.ObjectStatusDeleted(clock.instant(), node, key));
            dirty = true;
        }
    }

    /** The orchestrator's monitor of a local instance (ignored when the instance is not here). */
    void monitor(String key, InstanceMonitor m) {
        if (entries.get(key) == null) {
            return;
        }
        given.put(key, m);
        recompute(key);
    }

    /** An object gone from the local store: its local instance leaves the dataset. */
    void remove(LocalObjects.Entry e) {
        scheduler.forget(e.path);
        entries.remove(e);
        configs.remove(e.key);
        monitors.remove(e.key);
        given.remove(e.key);
        if (instances.remove(e.key) != null) {
            events.publish(new DaemonEvent.InstanceStatusDeleted(clock.instant(), node, e.key));
        }
        // the peers may still hold it
        recompute(e.key);
        dirty = true;
    }
}
