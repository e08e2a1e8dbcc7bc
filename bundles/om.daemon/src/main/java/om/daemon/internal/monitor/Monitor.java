package om.daemon.internal.monitor;

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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonStatus;
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
import om.api.status.ResourceStatus;
import om.api.status.StatusListener;
import om.api.status.StatusService;
import om.daemon.internal.events.EventBus;
import om.daemon.internal.scheduler.Scheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The {@code monitor} thread: owns the node dataset (heartbeats-and-daemon.md section 2). It keeps, per local
 * object, the config facts, the instance status and monitor and the object status, and for the node its monitor,
 * frozen flag and figures. It consumes file stamps (configs, status caches, frozen flags: an action, a CLI
 * without daemon or an edit all show there), the results of its evaluation pool and the scheduler's due jobs; it
 * publishes each change as an event on the {@link EventBus} and, after a batch of changes, a new immutable
 * {@link DaemonStatus} that requests read without building anything ({@link #snapshot}).
 * Only this thread mutates the state below; workers hand results over through {@link #inbox}.
 */
@Component(service = {Monitor.class, StatusListener.class}, immediate = true)
public final class Monitor implements StatusListener {
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
    private final LinkedBlockingQueue<Result> inbox = new LinkedBlockingQueue<>();
    private final AtomicReference<DaemonStatus> snapshot = new AtomicReference<>();
    private final Instant created;

    // owned by the monitor thread
    private final Map<ObjectPath, Entry> entries = new HashMap<>();
    private final TreeMap<String, ObjectConfigSummary> configs = new TreeMap<>();
    private final TreeMap<String, InstanceStatus> instances = new TreeMap<>();
    private final TreeMap<String, InstanceMonitor> monitors = new TreeMap<>();
    private final TreeMap<String, ObjectStatus> objects = new TreeMap<>();
    private NodeMonitor nodeMonitor;
    private NodeStats stats = NodeStats.UNKNOWN;
    private Instant frozenAt;
    private Stamp nodeFrozenStamp;
    private ClusterIdentity cluster;
    private long gen;
    private Instant updatedAt;
    private boolean dirty = true;
    private long lastScan = Long.MIN_VALUE;
    private long lastStats = Long.MIN_VALUE;
    private long lastPublish = Long.MIN_VALUE;

    private volatile boolean running;
    private volatile boolean failed;
    private volatile Thread thread;

    @Activate
    public Monitor(@Reference Installation installation, @Reference ObjectStore store,
                   @Reference StatusService status, @Reference InstanceFlags flags,
                   @Reference NodeSettings settings, @Reference EventBus events) {
        this(installation, store, status, flags, settings, events, Clock.systemUTC(), System::nanoTime, Path.of("/proc"),
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** For tests: the clocks, the /proc folder and the pool size given. */
    public Monitor(Installation installation, ObjectStore store, StatusService status, InstanceFlags flags,
                   NodeSettings settings, EventBus events, Clock clock, LongSupplier nanoTime, Path proc,
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
        this.node = installation.nodename();
        this.created = clock.instant();
        this.nodeMonitor = new NodeMonitor(NodeMonitor.IDLE, NodeMonitor.NONE, created);
        this.updatedAt = created;
        this.pool = new Evaluations(workers, "monitor-eval", this::work);
        this.scheduler = new Scheduler((p, job) -> pool.submit(p, Evaluations.REFRESH), nanoTime, clock);
        this.cluster = cluster();
        // an empty dataset until the first pass: requests never wait for the monitor
        snapshot.set(build());
    }

    @Activate
    void activate() {
        start();
    }

    /** Starts the monitor thread, its pool and the scheduler. */
    public synchronized void start() {
        running = true;
        pool.start();
        Thread t = new Thread(this::loop, "monitor");
        t.setDaemon(true);
        thread = t;
        t.start();
        scheduler.start();
    }

    @Deactivate
    public synchronized void stop() {
        running = false;
        scheduler.stop();
        pool.stop();
        inbox.add(WAKE);
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
                now = nanoTime.getAsLong();
                if (dirty && (lastPublish == Long.MIN_VALUE || now - lastPublish >= PUBLISH.toNanos())) {
                    lastPublish = now;
                    publish();
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
        if (dirty) {
            if (lastPublish == Long.MIN_VALUE) {
                // never published: now (MIN_VALUE + PUBLISH - now would overflow into a wait of centuries)
                return 0;
            }
            next = Math.min(next, lastPublish + PUBLISH.toNanos());
        }
        return Math.max(0, next - now);
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
        Stamp nf = Stamp.of(installation.var().resolve("node").resolve("frozen"));
        if (!Objects.equals(nf, nodeFrozenStamp)) {
            nodeFrozenStamp = nf;
            frozenAt = nf == null ? null : nf.mtime().toInstant();
            touchNode();
            entries.values().forEach(this::recompute);
        }
        List<ObjectPath> paths;
        try {
            paths = store.list();
        } catch (RuntimeException e) {
            // etc/ unreadable for a moment: keep what we have
            return;
        }
        Set<ObjectPath> seen = new HashSet<>(paths);
        for (ObjectPath p : paths) {
            Entry e = entries.computeIfAbsent(p, Entry::new);
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
                summary = new ObjectConfigSummary(facts.facts().scope(), checksum(cfg), cfg.mtime());
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
            InstanceStatus prev = instances.put(e.key, r.status());
            if (!r.status().equals(prev)) {
                events.publish(new DaemonEvent.InstanceStatusUpdated(clock.instant(), node, e.key, r.status()));
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

    /** Leader and object status of one object, from the data of the live nodes (this one, for now). */
    private void recompute(Entry e) {
        InstanceStatus st = instances.get(e.key);
        if (e.facts == null || st == null) {
            return;
        }
        InstanceMonitor prevMon = monitors.get(e.key);
        InstanceMonitor mon = prevMon == null ? InstanceMonitor.idle(false) : prevMon;
        if (!mon.localExpect().equals(e.localExpect)) {
            // the local expect has one owner, InstanceFlags: the monitor shows it
            mon = new InstanceMonitor(mon.state(), mon.globalExpect(), e.localExpect, mon.isLeader(),
                    mon.stateUpdatedAt());
        }
        Placement.Candidate self = new Placement.Candidate(node, nodeMonitor, frozenAt != null, stats, st, mon);
        boolean leader = Placement.leaders(e.key, e.facts.facts(), Map.of(node, self)).contains(node);
        mon = mon.withLeader(leader);
        if (!mon.equals(prevMon)) {
            monitors.put(e.key, mon);
            events.publish(new DaemonEvent.InstanceMonitorUpdated(clock.instant(), node, e.key, mon));
            dirty = true;
        }
        ObjectStatus os = ObjectStatus.of(List.of(new ObjectStatus.Instance(st, leader)), e.facts.facts());
        if (!os.equals(objects.put(e.key, os))) {
            events.publish(new DaemonEvent.ObjectStatusUpdated(clock.instant(), node, e.key, os));
            dirty = true;
        }
    }

    private void remove(Entry e) {
        scheduler.forget(e.path);
        configs.remove(e.key);
        monitors.remove(e.key);
        if (instances.remove(e.key) != null) {
            events.publish(new DaemonEvent.InstanceStatusDeleted(clock.instant(), node, e.key));
        }
        if (objects.remove(e.key) != null) {
            events.publish(new DaemonEvent.ObjectStatusDeleted(clock.instant(), node, e.key));
        }
        dirty = true;
    }

    // ---- snapshots

    private void publish() {
        gen++;
        updatedAt = clock.instant();
        snapshot.set(build());
        dirty = false;
    }

    private DaemonStatus build() {
        NodeData local = new NodeData(nodeMonitor, frozenAt != null, frozenAt, updatedAt, Map.of(node, gen), stats,
                configs, instances, monitors);
        Map<String, ThreadStatus> threads = Map.of(
                "listener", new ThreadStatus(ThreadStatus.RUNNING, created, List.of()),
                "monitor", threadStatus(),
                "scheduler", scheduler.status());
        return new DaemonStatus(cluster, threads, Map.of(node, local), objects);
    }

    private ThreadStatus threadStatus() {
        Thread t = thread;
        String state = failed ? ThreadStatus.FAILED
                : running && t != null && t.isAlive() ? ThreadStatus.RUNNING : ThreadStatus.STOPPED;
        return new ThreadStatus(state, created, List.of());
    }
}
