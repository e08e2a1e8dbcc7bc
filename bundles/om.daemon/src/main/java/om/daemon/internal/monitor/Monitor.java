package om.daemon.internal.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.config.ObjectConfig;
import om.api.cluster.ClusterView;
import om.api.config.ObjectStore;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonStatus;
import om.api.daemon.HeartbeatStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.NodeMonitor;
import om.api.daemon.NodeStats;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.daemon.ThreadStatus;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.api.status.InstanceFlags;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.ResourceStatus;
import om.api.status.StatusListener;
import om.api.status.StatusService;
import om.daemon.internal.cluster.ClusterData;
import om.daemon.internal.cluster.Hub;
import om.daemon.internal.events.EventBus;
import om.daemon.internal.http.ListenerStatus;
import om.daemon.internal.scheduler.Scheduler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code monitor} thread: owns the node dataset (heartbeats-and-daemon.md section 2). It keeps, per local
 * object, the config facts, the instance status and monitor, and for the node its monitor, frozen flag, figures
 * and deletions; with the peers' data ({@link ClusterData}: committed as generations, sent and received through
 * the heartbeats) it aggregates each object across the nodes of the view. It consumes file stamps (configs,
 * status caches, frozen flags: an action, a CLI without daemon or an edit all show there), the results of its
 * evaluation pool, the scheduler's due jobs and the peers' messages; it publishes each change as an event on the
 * {@link EventBus} and, after a batch of changes, a new immutable {@link DaemonStatus} that requests read
 * without building anything ({@link #snapshot}, the {@link ClusterView}).
 * Only this thread mutates the state below; workers hand results over through {@link #inbox}.
 */
@Component(service = {Monitor.class, ClusterView.class}, immediate = true)
public final class Monitor implements StatusListener, ClusterView {
    /**
     * How often file stamps are compared with what the dataset was read from, at least; plus {@link #SCAN_PER_OBJECT}
     * per object beyond that, so that 10,000 objects (40,000 stats a pass) are looked at every 5 s.
     */
    static final Duration SCAN = Duration.ofSeconds(2);
    static final Duration SCAN_PER_OBJECT = Duration.ofNanos(500_000);
    /** How often the node figures are read (spec: every 10 s). */
    static final Duration STATS = Duration.ofSeconds(10);
    /** Snapshots are rebuilt at most this often (a cold start with 10,000 objects brings 10,000 results). */
    static final Duration PUBLISH = Duration.ofMillis(250);
    /** Results applied between two looks at the clocks. */
    static final int MAX_BATCH = 2000;
    /** The instance flag files of InstanceFlags (om.core) whose changes the monitor follows. */
    static final String FROZEN = "frozen";
    static final String LOCAL_EXPECT = "local_expect";
    /** How often liveness, grace periods and rejoin are looked at (death is seen within timeout + this). */
    static final Duration TICK = Duration.ofMillis(250);
    static final Duration REJOIN_GRACE = Duration.ofSeconds(90);
    static final Duration MAINTENANCE_GRACE = Duration.ofSeconds(60);
    static final String REJOIN = "rejoin";

    /** What a worker found for one object. {@code facts} null when the config was not read. */
    private record Result(ObjectPath path, Stamp configStamp, ObjectFacts facts, ObjectConfigSummary config,
                          InstanceStatus status, Stamp statusStamp, Stamp frozenStamp, Stamp expectStamp,
                          String localExpect, boolean evaluatedNow, boolean gone, String error) {
    }

    /** The monitor thread's view of one object. */
    private static final class Entry {
        final ObjectPath path;
        final String key;
        ObjectFacts facts;
        Stamp configStamp;
        Stamp statusStamp;
        Stamp frozenStamp;
        Stamp expectStamp;
        String localExpect = "none";
        boolean loadAsked;
        String error;

        Entry(ObjectPath path) {
            this.path = path;
            this.key = path.canonical();
        }
    }

    private final Installation installation;
    private final ObjectStore store;
    private final StatusService status;
    private final InstanceFlags flags;
    private final NodeSettings settings;
    private final EventBus events;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Path proc;
    private final String node;
    private final Evaluations pool;
    private final Scheduler scheduler;
    private final Hub hub;
    private final ClusterData data;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final ConcurrentLinkedQueue<CompletableFuture<CountDownLatch>> maintenance =
            new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<Result> inbox = new LinkedBlockingQueue<>();
    private final AtomicReference<DaemonStatus> snapshot = new AtomicReference<>();
    private final Instant created;

    // owned by the monitor thread
    private final Map<ObjectPath, Entry> entries = new HashMap<>();
    private final Map<String, Entry> byKey = new HashMap<>();
    private final TreeMap<String, ObjectConfigSummary> configs = new TreeMap<>();
    private final TreeMap<String, InstanceStatus> instances = new TreeMap<>();
    private final TreeMap<String, InstanceMonitor> monitors = new TreeMap<>();
    private final TreeMap<String, ObjectStatus> objects = new TreeMap<>();
    private NodeMonitor nodeMonitor;
    private NodeStats stats = NodeStats.UNKNOWN;
    private Instant frozenAt;
    private Stamp nodeFrozenStamp;
    private TreeMap<String, Instant> deleted = new TreeMap<>();
    private ClusterIdentity cluster;
    private Duration rejoinGrace = REJOIN_GRACE;
    private Duration maintenanceGrace = MAINTENANCE_GRACE;
    private long rejoinStart;
    private Map<String, Object> hbSignature = Map.of();
    private Instant updatedAt;
    private boolean dirty = true;
    private long lastScan = Long.MIN_VALUE;
    private long lastStats = Long.MIN_VALUE;
    private long lastPublish = Long.MIN_VALUE;
    private long lastTick = Long.MIN_VALUE;

    /** The node API listener's state (the {@code listener} thread row); absent: shown running as before. */
    private volatile ListenerStatus listener;
    private volatile boolean running;
    private volatile boolean failed;
    private volatile Thread thread;

    @Activate
    public Monitor(BundleContext context, @Reference Installation installation, @Reference ObjectStore store,
                   @Reference StatusService status, @Reference InstanceFlags flags,
                   @Reference NodeSettings settings, @Reference EventBus events, @Reference Hub hub) {
        this(installation, store, status, flags, settings, events, hub, Clock.systemUTC(), System::nanoTime,
                Path.of("/proc"), Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
        this.context = context;
    }

    /** Null in tests (no framework): {@link #statusWritten} is then called by the test. */
    private BundleContext context;
    private ServiceRegistration<StatusListener> listening;

    /** For tests: the clocks, the /proc folder and the pool size given. */
    public Monitor(Installation installation, ObjectStore store, StatusService status, InstanceFlags flags,
                   NodeSettings settings, EventBus events, Hub hub, Clock clock, LongSupplier nanoTime, Path proc,
                   int workers) {
        this.installation = installation;
        this.store = store;
        this.status = status;
        this.flags = flags;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.proc = proc;
        this.hub = hub;
        this.node = installation.nodename();
        this.created = clock.instant();
        this.updatedAt = created;
        this.pool = new Evaluations(workers, "monitor-eval", this::work);
        this.scheduler = new Scheduler((p, job) -> pool.submit(p, Evaluations.REFRESH), nanoTime, clock);
        this.data = new ClusterData(node, hub, clock, nanoTime, events::publish);
        this.cluster = cluster();
        // a daemon starting in a multi-node cluster waits for its peers' data before orchestrating
        this.nodeMonitor = new NodeMonitor(peers().isEmpty() ? NodeMonitor.IDLE : REJOIN, NodeMonitor.NONE, created);
        // an empty dataset until the first pass: requests never wait for the monitor
        snapshot.set(build());
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindListener")
    void bindListener(ListenerStatus l) {
        listener = l;
    }

    void unbindListener(ListenerStatus l) {
        if (listener == l) {
            listener = null;
        }
    }

    /**
     * Starts, then registers the {@link StatusListener} service. Registered by hand, once active, rather than
     * as a service of this component: the status service (which this component needs) binds its listeners
     * dynamically, and as a component service the listener made a circular reference that SCR sometimes left
     * unbound, so actions showed at the next scan (up to 2 s) instead of at once.
     */
    @Activate
    void activate() {
        start();
        if (context != null) {
            listening = context.registerService(StatusListener.class, this, null);
        }
    }

    @Deactivate
    void deactivate() {
        ServiceRegistration<StatusListener> l = listening;
        listening = null;
        if (l != null) {
            try {
                l.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        stop();
    }

    /** Starts the monitor thread, its pool and the scheduler. */
    public synchronized void start() {
        running = true;
        rejoinStart = nanoTime.getAsLong();
        hub.onMessage(() -> {
            // one wake-up queued at a time: a flood of messages adds one element, not one each
            if (wakeQueued.compareAndSet(false, true)) {
                inbox.add(WAKE);
            }
        });
        pool.start();
        Thread t = new Thread(this::loop, "monitor");
        t.setDaemon(true);
        thread = t;
        t.start();
        scheduler.start();
    }

    public synchronized void stop() {
        running = false;
        hub.onMessage(null);
        scheduler.stop();
        pool.stop();
        inbox.add(WAKE);
    }

    /**
     * {@code om daemon stop|restart}: announces the node monitor state {@code maintenance} to the peers (so they
     * keep this node's data for their maintenance grace) and waits, at most {@code wait}, until every heartbeat
     * sent it.
     *
     * @return whether it went out in time
     */
    public boolean announceMaintenance(Duration wait) {
        Thread t = thread;
        if (!running || t == null || !t.isAlive()) {
            return false;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        CompletableFuture<CountDownLatch> f = new CompletableFuture<>();
        maintenance.add(f);
        inbox.add(WAKE);
        try {
            CountDownLatch sent = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return sent.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public DaemonStatus current() {
        return snapshot.get();
    }

    /** An evaluation was written (an action, a refresh): read it now rather than at the next scan. */
    @Override
    public void statusWritten(ObjectPath path) {
        if (running && !EVALUATING.get()) {
            pool.submit(path, Evaluations.READ);
        }
    }

    /** The current dataset: an immutable snapshot, replaced after each batch of changes. */
    public DaemonStatus snapshot() {
        return snapshot.get();
    }

    /** Work queued for the pool (tests and figures). */
    int queued() {
        return pool.queued();
    }

    private static final Result WAKE = new Result(null, null, null, null, null, null, null, null, null, false, false,
            null);

    private void loop() {
        try {
            while (running) {
                long now = nanoTime.getAsLong();
                if (lastScan == Long.MIN_VALUE || now - lastScan >= scanEvery()) {
                    lastScan = now;
                    scan();
                }
                if (lastStats == Long.MIN_VALUE || now - lastStats >= STATS.toNanos()) {
                    lastStats = now;
                    readStats();
                }
                drain(waitNanos(now));
                wakeQueued.set(false);
                apply(data.receive());
                now = nanoTime.getAsLong();
                if (lastTick == Long.MIN_VALUE || now - lastTick >= tickEvery()) {
                    lastTick = now;
                    tick();
                }
                announce();
                now = nanoTime.getAsLong();
                if (dirty && (lastPublish == Long.MIN_VALUE || now - lastPublish >= PUBLISH.toNanos())) {
                    lastPublish = now;
                    publish();
                }
                if (data.due() && !peers().isEmpty()) {
                    send();
                }
            }
        } catch (RuntimeException | Error e) {
            // shown as failed in daemon status
            failed = true;
            snapshot.set(build());
            throw e;
        }
    }

    /** How long to wait for results: until the next scan, stats read or due publication. */
    private long waitNanos(long now) {
        long next = Math.min(lastScan + scanEvery(), lastStats + STATS.toNanos());
        next = Math.min(next, lastTick + tickEvery());
        if (!peers().isEmpty()) {
            long due = data.untilDue();
            next = due == Long.MAX_VALUE ? next : Math.min(next, now + due);
        }
        if (dirty) {
            if (lastPublish == Long.MIN_VALUE) {
                // never published: now (MIN_VALUE + PUBLISH - now would overflow into a wait of centuries)
                return 0;
            }
            next = Math.min(next, lastPublish + PUBLISH.toNanos());
        }
        return Math.max(0, next - now);
    }

    /** Liveness is looked at often only where there are peers: a single node wakes no more than before. */
    private long tickEvery() {
        return peers().isEmpty() ? SCAN.toNanos() : TICK.toNanos();
    }

    private long scanEvery() {
        return Math.max(SCAN.toNanos(), entries.size() * SCAN_PER_OBJECT.toNanos());
    }

    private void drain(long waitNanos) {
        try {
            Result r = inbox.poll(waitNanos, TimeUnit.NANOSECONDS);
            // bounded: a steady flow of results (a cold start) must not hold off the scans and publications
            for (int n = 0; r != null; n++) {
                if (r != WAKE) {
                    apply(r);
                }
                r = n < MAX_BATCH ? inbox.poll() : null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    // ---- file stamps

    /** Compares the file stamps with what the dataset was read from; asks the pool for what changed. */
    void scan() {
        ClusterIdentity c = cluster();
        if (!c.equals(cluster)) {
            cluster = c;
            dirty = true;
        }
        scanDeleted();
        Stamp nf = Stamp.of(installation.var().resolve("node").resolve("frozen"));
        if (!Objects.equals(nf, nodeFrozenStamp)) {
            nodeFrozenStamp = nf;
            frozenAt = nf == null ? null : nf.mtime().toInstant();
            touchNode();
            recomputeAll();
        }
        List<ObjectPath> paths;
        try {
            paths = store.list();
        } catch (RuntimeException e) {
            // etc/ unreadable for a moment: keep what we have
            return;
        }
        // the cluster and namespace configs are no services: no instance, no object status
        paths = paths.stream().filter(LocalInstances::published).toList();
        Set<ObjectPath> seen = new HashSet<>(paths);
        for (ObjectPath p : paths) {
            Entry e = entries.computeIfAbsent(p, k -> {
                Entry n = new Entry(k);
                byKey.put(n.key, n);
                return n;
            });
            Path varDir = installation.varDir(p);
            if (e.facts == null && e.error == null || !Objects.equals(Stamp.of(store.configFile(p)), e.configStamp)) {
                if (!e.loadAsked) {
                    e.loadAsked = true;
                    pool.submit(p, Evaluations.LOAD | Evaluations.READ);
                }
            } else if (!Objects.equals(Stamp.of(varDir.resolve("status.json")), e.statusStamp)
                    || !Objects.equals(Stamp.of(varDir.resolve(FROZEN)), e.frozenStamp)
                    || !Objects.equals(Stamp.of(varDir.resolve(LOCAL_EXPECT)), e.expectStamp)) {
                pool.submit(p, Evaluations.READ);
            }
        }
        entries.values().removeIf(e -> {
            if (seen.contains(e.path)) {
                return false;
            }
            remove(e);
            return true;
        });
    }

    /** The tombstones of deleted objects ({@link Tombstones}), the node data's {@code services.deleted}. */
    private void scanDeleted() {
        TreeMap<String, Instant> found;
        try {
            found = Tombstones.read(installation.var().resolve("deleted"), clock.instant());
        } catch (RuntimeException e) {
            // unreadable for a moment: keep what we have
            return;
        }
        if (!found.equals(deleted)) {
            deleted = found;
            touchNode();
        }
    }

    private void readStats() {
        NodeStats s = NodeFigures.read(proc);
        if (!s.equals(stats)) {
            stats = s;
            touchNode();
            events.publish(new DaemonEvent.NodeStatsUpdated(clock.instant(), node, s));
        }
        // the threads' states travel with the snapshot: refresh it at least this often
        dirty = true;
    }

    private void touchNode() {
        updatedAt = clock.instant();
        dirty = true;
    }

    /** The cluster identity from the one reader of cluster.conf/node.conf (re-read only when they change). */
    private ClusterIdentity cluster() {
        try {
            NodeConfig c = settings.current();
            rejoinGrace = c.getDuration("node", "rejoin_grace_period", REJOIN_GRACE);
            maintenanceGrace = c.getDuration("node", "maintenance_grace_period", MAINTENANCE_GRACE);
            return new ClusterIdentity(c.clusterName(), c.clusterId(), c.clusterNodes(),
                    c.quorum());
        } catch (RuntimeException e) {
            // unreadable for a moment: keep what we showed
            return cluster == null ? new ClusterIdentity("default", "", List.of(node), false) : cluster;
        }
    }

    // ---- worker side

    /** Runs in a pool thread: reads what was asked for one object and hands the result to the monitor thread. */
    /** Set on the pool's threads: their own refreshes are in the result they hand back, not read again. */
    private static final ThreadLocal<Boolean> EVALUATING = ThreadLocal.withInitial(() -> false);

    private void work(ObjectPath p, int what) {
        EVALUATING.set(true);
        try {
            evaluate(p, what);
        } finally {
            EVALUATING.set(false);
        }
    }

    private void evaluate(ObjectPath p, int what) {
        Instant started = clock.instant();
        Stamp configStamp = Stamp.of(store.configFile(p));
        ObjectFacts facts = null;
        ObjectConfigSummary summary = null;
        try {
            if ((what & Evaluations.LOAD) != 0) {
                ObjectConfig cfg = store.load(p).orElse(null);
                if (cfg == null) {
                    inbox.add(new Result(p, configStamp, null, null, null, null, null, null, null, false, true, null));
                    return;
                }
                facts = ObjectFacts.of(cfg, node);
                summary = new ObjectConfigSummary(facts.configScope(), checksum(cfg), cfg.mtime());
            }
            boolean full = (what & Evaluations.REFRESH) != 0;
            Path varDir = installation.varDir(p);
            // stamps before the reads: a change while reading shows at the next scan
            Stamp expectStamp = Stamp.of(varDir.resolve(LOCAL_EXPECT));
            String localExpect = flags.localExpect(p).word();
            InstanceStatus st = full ? status.refresh(p) : status.get(p);
            boolean evaluatedNow = st.updatedAt() != null && !st.updatedAt().isBefore(started);
            inbox.add(new Result(p, configStamp, facts, summary, st, Stamp.of(varDir.resolve("status.json")),
                    Stamp.of(varDir.resolve(FROZEN)), expectStamp, localExpect, evaluatedNow, false, null));
        } catch (RuntimeException e) {
            Path varDir = installation.varDir(p);
            inbox.add(new Result(p, configStamp, facts, summary, null, Stamp.of(varDir.resolve("status.json")),
                    Stamp.of(varDir.resolve(FROZEN)), Stamp.of(varDir.resolve(LOCAL_EXPECT)), null, false,
                    !store.exists(p), String.valueOf(e.getMessage())));
        }
    }

    /** The config checksum of the dataset: the store's, of the very bytes the config was evaluated from. */
    private static String checksum(ObjectConfig cfg) {
        return cfg.checksum();
    }

    // ---- monitor thread: applying results

    private void apply(Result r) {
        Entry e = entries.get(r.path());
        if (e == null) {
            return;
        }
        if (r.gone()) {
            entries.remove(r.path());
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
            e.statusStamp = r.statusStamp();
            e.frozenStamp = r.frozenStamp();
            e.expectStamp = r.expectStamp();
            return;
        }
        e.error = null;
        if (r.status() != null) {
            e.statusStamp = r.statusStamp();
            e.frozenStamp = r.frozenStamp();
            e.expectStamp = r.expectStamp();
            e.localExpect = r.localExpect();
            InstanceStatus st = LocalInstances.withSync(node, e.key, r.status(), configs.get(e.key), data.peers());
            InstanceStatus prev = instances.put(e.key, st);
            if (!st.equals(prev)) {
                events.publish(new DaemonEvent.InstanceStatusUpdated(clock.instant(), node, e.key, st));
            }
        }
        if (e.facts != null) {
            scheduler.plan(e.path, e.facts.status(), e.facts.monitor(), monitored(instances.get(e.key)));
            if (r.evaluatedNow()) {
                scheduler.evaluated(e.path);
            }
        }
        recompute(e);
        dirty = true;
    }

    /** Monitored, restartable or standby resources: the ones the monitor job looks at. */
    static boolean monitored(InstanceStatus st) {
        if (st == null) {
            return false;
        }
        for (ResourceStatus r : st.resources().values()) {
            if (r.monitor() || r.restart() > 0 || r.standby()) {
                return true;
            }
        }
        return false;
    }

    private void recompute(Entry e) {
        recompute(e.key);
    }

    /** Every object known here or in a peer's data (a node came, went, or changed what makes candidates). */
    private void recomputeAll() {
        TreeSet<String> keys = new TreeSet<>(byKey.keySet());
        keys.addAll(objects.keySet());
        for (NodeData d : data.peers().values()) {
            keys.addAll(d.instances().keySet());
        }
        keys.forEach(this::recompute);
    }

    private void apply(ClusterData.Changes c) {
        if (!c.any()) {
            return;
        }
        dirty = true;
        if (c.all()) {
            recomputeAll();
        } else {
            c.paths().forEach(this::recompute);
        }
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
        Entry e = byKey.get(key);
        InstanceStatus st = instances.get(key);
        ObjectStatus.Facts facts = e != null && e.facts != null ? e.facts.facts()
                : Aggregation.peerFacts(key, data.peers());
        if (facts == null) {
            removeObject(key);
            return;
        }
        Placement.Candidate self = null;
        InstanceMonitor prevMon = monitors.get(key);
        InstanceMonitor mon = null;
        if (e != null && e.facts != null && st != null) {
            mon = prevMon == null ? InstanceMonitor.idle(false) : prevMon;
            if (!mon.localExpect().equals(e.localExpect)) {
                // the local expect has one owner, InstanceFlags: the monitor shows it
                mon = new InstanceMonitor(mon.state(), mon.globalExpect(), e.localExpect, mon.isLeader(),
                        mon.stateUpdatedAt());
            }
            self = new Placement.Candidate(node, nodeMonitor, frozenAt != null, stats, st, mon);
        }
        Aggregation.Result r = Aggregation.of(key, facts, self, data.peers());
        if (mon != null) {
            mon = mon.withLeader(r.leaders().contains(node));
            if (!mon.equals(prevMon)) {
                monitors.put(key, mon);
                events.publish(new DaemonEvent.InstanceMonitorUpdated(clock.instant(), node, key, mon));
                dirty = true;
            }
        }
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

    private void remove(Entry e) {
        scheduler.forget(e.path);
        byKey.remove(e.key, e);
        configs.remove(e.key);
        monitors.remove(e.key);
        if (instances.remove(e.key) != null) {
            events.publish(new DaemonEvent.InstanceStatusDeleted(clock.instant(), node, e.key));
        }
        // the peers may still hold it
        recompute(e.key);
        dirty = true;
    }

    // ---- the cluster

    /** The other nodes of {@code cluster.nodes}. */
    private List<String> peers() {
        return cluster.nodes().stream().filter(n -> !n.equals(node)).toList();
    }

    /** Liveness and grace periods of the peers, rejoin, and the heartbeat threads' changes. */
    private void tick() {
        apply(data.tick(Set.copyOf(cluster.nodes()), maintenanceGrace));
        rejoin();
        heartbeatEvents();
    }

    /**
     * Rejoin (orchestration.md section 7): idle once a full of every peer was applied; when the grace period
     * expires first, the node freezes itself and goes idle.
     */
    private void rejoin() {
        if (!REJOIN.equals(nodeMonitor.state())) {
            return;
        }
        if (data.complete(peers())) {
            setNodeMonitor(NodeMonitor.IDLE);
            return;
        }
        if (nanoTime.getAsLong() - rejoinStart < rejoinGrace.toNanos()) {
            return;
        }
        if (frozenAt == null) {
            freezeNode();
        }
        hub.log(Level.WARN, "rejoin grace period expired: local node has been frozen");
        setNodeMonitor(NodeMonitor.IDLE);
    }

    private void freezeNode() {
        Path f = installation.var().resolve("node").resolve("frozen");
        try {
            Files.createDirectories(f.getParent());
            if (!Files.exists(f)) {
                Files.createFile(f);
            }
            nodeFrozenStamp = Stamp.of(f);
            frozenAt = nodeFrozenStamp == null ? clock.instant() : nodeFrozenStamp.mtime().toInstant();
            touchNode();
        } catch (IOException e) {
            hub.log(Level.ERROR, "cannot freeze the node: " + e.getMessage());
        }
    }

    private void setNodeMonitor(String state) {
        if (state.equals(nodeMonitor.state())) {
            return;
        }
        nodeMonitor = new NodeMonitor(state, nodeMonitor.globalExpect(), clock.instant());
        events.publish(new DaemonEvent.NodeMonitorUpdated(clock.instant(), node, nodeMonitor));
        touchNode();
        // an idle node is a placement candidate, a node in rejoin or maintenance is not
        recomputeAll();
    }

    /** {@code om daemon stop|restart} asked: maintenance, committed and sent at once. */
    private void announce() {
        CompletableFuture<CountDownLatch> f = maintenance.poll();
        if (f == null) {
            return;
        }
        setNodeMonitor(ClusterData.MAINTENANCE);
        lastPublish = nanoTime.getAsLong();
        publish();
        CountDownLatch sent = peers().isEmpty() ? new CountDownLatch(0) : send();
        f.complete(sent);
        for (CompletableFuture<CountDownLatch> more = maintenance.poll(); more != null; more = maintenance.poll()) {
            more.complete(sent);
        }
    }

    private CountDownLatch send() {
        try {
            return data.send();
        } catch (RuntimeException e) {
            hub.log(Level.ERROR, "cannot send the node data: " + e);
            return new CountDownLatch(0);
        }
    }

    /** A heartbeat thread's state or a peer's beating changed: an event, and the snapshot refreshed. */
    private void heartbeatEvents() {
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
            return;
        }
        Map<String, Object> before = hbSignature;
        hbSignature = sig;
        dirty = true;
        hbs.forEach((name, h) -> {
            if (!Objects.equals(before.get(name), sig.get(name))) {
                events.publish(new DaemonEvent.HbStatusUpdated(clock.instant(), node, h));
            }
        });
    }

    // ---- snapshots

    private NodeData localData() {
        return new NodeData(nodeMonitor, frozenAt != null, frozenAt, updatedAt, data.genMap(), stats, Map.of(),
                configs, instances, monitors, deleted);
    }

    /** Commits the local data (a new generation when it changed: sent at once) and publishes a snapshot. */
    private void publish() {
        try {
            if (data.commit(localData())) {
                updatedAt = clock.instant();
            }
        } catch (RuntimeException e) {
            // a codec bug must not stop the monitor: the local view goes on, the peers see the last commit
            hub.log(Level.ERROR, "cannot commit the node data: " + e);
        }
        snapshot.set(build());
        dirty = false;
    }

    private DaemonStatus build() {
        Map<String, NodeData> nodes = new TreeMap<>(data.peers());
        nodes.put(node, localData());
        Map<String, ThreadStatus> threads = new TreeMap<>(hub.threads());
        ListenerStatus l = listener;
        threads.put("listener", l == null ? new ThreadStatus(ThreadStatus.RUNNING, created, List.of()) : l.status());
        threads.put("monitor", threadStatus());
        threads.put("scheduler", scheduler.status());
        return new DaemonStatus(cluster, threads, hub.statuses(), nodes, objects, l == null ? null : l.config());
    }

    private ThreadStatus threadStatus() {
        Thread t = thread;
        String state = failed ? ThreadStatus.FAILED
                : running && t != null && t.isAlive() ? ThreadStatus.RUNNING : ThreadStatus.STOPPED;
        return new ThreadStatus(state, created, List.of());
    }
}
