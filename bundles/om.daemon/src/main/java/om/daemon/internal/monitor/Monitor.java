package om.daemon.internal.monitor;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
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
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.cluster.ClusterView;
import om.api.config.ObjectStore;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.ArbitratorStatus;
import om.api.daemon.Arbitrators;
import om.api.daemon.InstanceMonitors;
import om.api.daemon.NodeData;
import om.api.daemon.ThreadStatus;
import om.api.node.NodeSettings;
import om.api.schedule.Jobs;
import om.api.status.InstanceFlags;
import om.api.status.Level;
import om.api.status.StatusListener;
import om.api.status.StatusService;
import om.daemon.internal.cluster.ClusterData;
import om.daemon.internal.cluster.Hub;
import om.daemon.internal.events.EventBus;
import om.daemon.internal.http.ListenerStatus;
import om.daemon.internal.scheduler.ScheduledRuns;
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
 * Only this thread mutates the state below; workers hand results over through {@link #inbox}. This class runs the
 * thread, its clocks and the snapshot; each piece of state has one owner it builds and hands its collaborators:
 * the file stamps are {@link LocalObjects}', the node monitor, frozen flag and cluster membership
 * {@link Membership}'s, the local node data and the aggregated objects the {@link Dataset}'s; the pool's threads
 * run the {@link Evaluator}, which owns nothing.
 */
@Component(service = {Monitor.class, ClusterView.class, InstanceMonitors.class, Arbitrators.class}, immediate = true)
public final class Monitor implements StatusListener, ClusterView, InstanceMonitors, Arbitrators {
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
    /** The instance status cache (om.core's StatusService). */
    static final String STATUS = "status.json";
    /** How often liveness, grace periods and rejoin are looked at (death is seen within timeout + this). */
    static final Duration TICK = Duration.ofMillis(250);
    /** How long a stop waits for the heartbeats to send the {@code maintenance} announce. */
    static final Duration ANNOUNCE_WAIT = Duration.ofSeconds(2);

    private final Installation installation;
    private final ObjectStore store;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final Path proc;
    private final String node;
    private final Evaluations pool;
    private final Scheduler scheduler;
    private final Hub hub;
    private final ClusterData data;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Set by the {@link NodeFlagWatch}: the node frozen flag is to be compared now, not at the next scan. */
    private final AtomicBoolean nodeFlagsChanged = new AtomicBoolean();
    private final NodeFlagWatch flagWatch;
    private final LinkedBlockingQueue<Evaluator.Result> inbox = new LinkedBlockingQueue<>();
    private final AtomicReference<DaemonStatus> snapshot = new AtomicReference<>();
    private final Instant created;
    private final EventBus events;
    /** The orchestrator's monitors not applied yet: the last one per object wins. */
    private final java.util.concurrent.ConcurrentHashMap<String, InstanceMonitor> givenMonitors =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The quorum watch's arbitrators not applied yet (null: none given since). */
    private final AtomicReference<Map<String, ArbitratorStatus>> givenArbitrators = new AtomicReference<>();

    // owned by the monitor thread
    private final LocalObjects entries;
    private final Membership membership;
    private final Dataset dataset;
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
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.proc = proc;
        this.hub = hub;
        this.events = events;
        this.node = installation.nodename();
        this.created = clock.instant();
        Evaluator evaluator = new Evaluator(installation, store, status, flags, clock, inbox::add);
        this.pool = new Evaluations(workers, "monitor-eval", evaluator::work);
        this.entries = new LocalObjects(installation, store, pool, clock);
        this.scheduler = new Scheduler(new ScheduledRuns(p -> pool.submit(p, Evaluations.REFRESH), () -> engine,
                () -> multiplexer), nanoTime, clock, java.time.ZoneId.systemDefault(), node, installation::varDir,
                Jobs.nodeFrozenFlag(installation));
        this.data = new ClusterData(node, hub, clock, nanoTime, events::publish);
        this.membership = new Membership(installation, settings, hub, data, events, clock, nanoTime, created);
        this.dataset = new Dataset(node, clock, events, scheduler, data, membership, entries, created);
        this.flagWatch = new NodeFlagWatch(installation.var().resolve("node"), () -> {
            nodeFlagsChanged.set(true);
            inbox.add(Evaluator.WAKE);
        });
        // an empty dataset until the first pass: requests never wait for the monitor
        snapshot.set(build());
    }

    /** Runs the scheduler's sync and task jobs; while absent (om.core redeployed) they wait. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ActionEngine engine;

    /** The log of the scheduled runs (object logs, syslog, collector). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(om.log=multiplexer)")
    private volatile ActionLog multiplexer;

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

    /**
     * However the daemon stops ({@code om daemon stop}, a SIGTERM from systemd: the launcher stops the framework,
     * which stops this bundle first), the peers are told {@code maintenance} before the threads stop; a stop that
     * already announced it ({@code om daemon stop}) is not announced again.
     */
    @Deactivate
    void deactivate() {
        NodeData self = snapshot.get().nodes().get(node);
        if (self == null || !ClusterData.MAINTENANCE.equals(self.monitor().state())) {
            announceMaintenance(ANNOUNCE_WAIT);
        }
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
        membership.started();
        hub.onMessage(() -> {
            // one wake-up queued at a time: a flood of messages adds one element, not one each
            if (wakeQueued.compareAndSet(false, true)) {
                inbox.add(Evaluator.WAKE);
            }
        });
        pool.start();
        flagWatch.start();
        // the scheduler first: the monitor's first snapshot shows its thread running (a later one may come 10 s on)
        scheduler.start();
        Thread t = new Thread(this::loop, "monitor");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    public synchronized void stop() {
        running = false;
        hub.onMessage(null);
        scheduler.stop();
        flagWatch.stop();
        pool.stop();
        inbox.add(Evaluator.WAKE);
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
        CompletableFuture<CountDownLatch> f = membership.askMaintenance();
        inbox.add(Evaluator.WAKE);
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

    @Override
    public Map<String, Long> applied() {
        return data.applied();
    }

    /** An evaluation was written (an action, a refresh): read it now rather than at the next scan. */
    @Override
    public void statusWritten(ObjectPath path) {
        if (running && !Evaluator.evaluating()) {
            pool.submit(path, Evaluations.READ);
        }
    }

    /** The orchestrator set a monitor of a local instance: applied by the monitor thread, published at once. */
    @Override
    public void set(String path, InstanceMonitor monitor) {
        givenMonitors.put(path, monitor);
        if (wakeQueued.compareAndSet(false, true)) {
            inbox.add(Evaluator.WAKE);
        }
    }

    /** The quorum watch checked the arbitrators: applied by the monitor thread, committed as any node change. */
    @Override
    public void set(Map<String, ArbitratorStatus> arbitrators) {
        givenArbitrators.set(Map.copyOf(arbitrators));
        if (wakeQueued.compareAndSet(false, true)) {
            inbox.add(Evaluator.WAKE);
        }
    }

    @Override
    public void publish(DaemonEvent event) {
        events.publish(event);
    }

    /** The current dataset: an immutable snapshot, replaced after each batch of changes. */
    public DaemonStatus snapshot() {
        return snapshot.get();
    }

    /** Work queued for the pool (tests and figures). */
    int queued() {
        return pool.queued();
    }

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
                if (nodeFlagsChanged.getAndSet(false) && membership.scanFrozen()) {
                    // om node freeze|thaw: committed and sent now, as an instance status write is
                    dataset.nodeChanged();
                }
                dataset.apply(data.receive());
                // the orchestrator's steps are published at once: a --wait that ended must find them in the dataset,
                // and the peers learn of a start (or a stop) without the snapshot's delay
                boolean orchestrated = false;
                for (String p : givenMonitors.keySet()) {
                    InstanceMonitor m = givenMonitors.remove(p);
                    if (m != null) {
                        dataset.monitor(p, m);
                        orchestrated = true;
                    }
                }
                Map<String, ArbitratorStatus> arbitrators = givenArbitrators.getAndSet(null);
                if (arbitrators != null) {
                    dataset.arbitrators(arbitrators);
                }
                now = nanoTime.getAsLong();
                if (lastTick == Long.MIN_VALUE || now - lastTick >= tickEvery()) {
                    lastTick = now;
                    tick();
                }
                announce();
                now = nanoTime.getAsLong();
                if (dataset.dirty() && (orchestrated || lastPublish == Long.MIN_VALUE
                        || now - lastPublish >= PUBLISH.toNanos())) {
                    lastPublish = now;
                    publish();
                }
                if (data.due() && !membership.peers().isEmpty()) {
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
        if (!membership.peers().isEmpty()) {
            long due = data.untilDue();
            next = due == Long.MAX_VALUE ? next : Math.min(next, now + due);
        }
        if (dataset.dirty()) {
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
        return membership.peers().isEmpty() ? SCAN.toNanos() : TICK.toNanos();
    }

    private long scanEvery() {
        return Math.max(SCAN.toNanos(), entries.size() * SCAN_PER_OBJECT.toNanos());
    }

    private void drain(long waitNanos) {
        try {
            Evaluator.Result r = inbox.poll(waitNanos, TimeUnit.NANOSECONDS);
            // bounded: a steady flow of results (a cold start) must not hold off the scans and publications; and a
            // peer's message waiting goes first (a peer's full ends the rejoin: 2,000 results applied before it
            // kept a booting node in rejoin for seconds)
            for (int n = 0; r != null; n++) {
                if (r != Evaluator.WAKE) {
                    dataset.apply(r);
                }
                r = n < MAX_BATCH && !wakeQueued.get() ? inbox.poll() : null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    // ---- file stamps

    /** Compares the file stamps with what the dataset was read from; asks the pool for what changed. */
    void scan() {
        if (membership.readCluster()) {
            dataset.changed();
        }
        scanDeleted();
        if (membership.scanFrozen()) {
            dataset.nodeChanged();
        }
        List<ObjectPath> paths;
        try {
            paths = store.list();
        } catch (RuntimeException e) {
            // etc/ unreadable for a moment: keep what we have
            return;
        }
        entries.scan(paths).forEach(dataset::remove);
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
        dataset.deleted(found);
    }

    private void readStats() {
        dataset.stats(NodeFigures.read(proc));
    }

    // ---- the cluster

    /** Liveness and grace periods of the peers, rejoin, and the heartbeat threads' changes. */
    private void tick() {
        dataset.apply(membership.liveness());
        if (membership.rejoin()) {
            dataset.nodeChanged();
        }
        if (membership.heartbeatEvents()) {
            dataset.changed();
        }
    }

    /** {@code om daemon stop|restart} asked: maintenance, committed and sent at once. */
    private void announce() {
        if (!membership.maintenanceAsked()) {
            return;
        }
        if (membership.setState(ClusterData.MAINTENANCE)) {
            dataset.nodeChanged();
        }
        lastPublish = nanoTime.getAsLong();
        publish();
        membership.announced(membership.peers().isEmpty() ? new CountDownLatch(0) : send());
    }

    private CountDownLatch send() {
        try {
            return data.send();
        } catch (RuntimeException e) {
            hub.log(Level.ERROR, "cannot send the node data: " + e);
            return new CountDownLatch(0);
        }
    }

    // ---- snapshots

    /** Commits the local data (a new generation when it changed: sent at once) and publishes a snapshot. */
    private void publish() {
        try {
            if (data.commit(dataset.localData())) {
                dataset.committed();
            }
        } catch (RuntimeException e) {
            // a codec bug must not stop the monitor: the local view goes on, the peers see the last commit
            hub.log(Level.ERROR, "cannot commit the node data: " + e);
        }
        snapshot.set(build());
        dataset.published();
    }

    private DaemonStatus build() {
        Map<String, NodeData> nodes = new TreeMap<>(data.peers());
        nodes.put(node, dataset.localData());
        Map<String, ThreadStatus> threads = new TreeMap<>(hub.threads());
        ListenerStatus l = listener;
        threads.put("listener", l == null ? new ThreadStatus(ThreadStatus.RUNNING, created, List.of()) : l.status());
        threads.put("monitor", threadStatus());
        threads.put("scheduler", scheduler.status());
        return new DaemonStatus(membership.cluster(), threads, hub.statuses(), nodes, dataset.objects(),
                l == null ? null : l.config());
    }

    private ThreadStatus threadStatus() {
        Thread t = thread;
        String state = failed ? ThreadStatus.FAILED
                : running && t != null && t.isAlive() ? ThreadStatus.RUNNING : ThreadStatus.STOPPED;
        return new ThreadStatus(state, created, List.of());
    }
}
