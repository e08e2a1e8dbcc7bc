package om.orchestrator.internal.resources;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.action.ActionBracket;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.action.ActionRequest;
import om.api.action.LogEvent;
import om.api.cluster.ClusterView;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.orchestration.Orchestration;
import om.api.status.InstanceFlags;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Resource monitoring by the daemon (orchestration.md section 8): the {@code resmon} thread evaluates each local
 * instance every {@code monitor_schedule} and after every change of its status or monitor, decides with
 * {@link ResourceMonitorCore}, restarts resources through the engine ({@code start --rid}, origin daemon: the
 * engine's lock, {@code max_parallel} and log multiplexing) and runs the monitor action when a monitored resource
 * stays down. The restart counters live here, in memory: a daemon restart gives every resource its budget back,
 * as a new start of the instance does.
 */
@Component(immediate = true, configurationPid = "om.orchestrator.monitor")
@Designate(ocd = MonitorHooks.class)
public final class ResourceMonitorService {
    /** How long, at most, an evaluation waits after an action of ours for the status evaluated after it. */
    static final Duration HOLD = Duration.ofSeconds(5);
    /** The daemon publishes an event before the snapshot showing it: the look at the monitor waits this much. */
    static final Duration SNAPSHOT_LAG = Duration.ofMillis(200);

    private final ClusterView view;
    private final DaemonEvents events;
    private final ActionEngine engine;
    private final Function<ObjectPath, Optional<ObjectConfig>> configs;
    private final InstanceFlags flags;
    private final String self;
    private final Clock clock;
    private final MonitorActions actions;

    // guarded by this
    private final Map<String, RestartState> states = new HashMap<>();
    /** When each instance is due for its next evaluation. */
    private final Map<String, Instant> due = new HashMap<>();
    /** The latest status each instance was announced with (the snapshot may not show it yet). */
    private final Map<String, InstanceStatus> announced = new HashMap<>();
    /** Instances with an action of ours in flight: nothing more until it ends. */
    private final Set<String> busy = new HashSet<>();
    /** After an action of ours: when it ended, until a status evaluated since shows up. */
    private final Map<String, Instant> freshAfter = new HashMap<>();
    private boolean stopped;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(om.log=multiplexer)")
    private volatile ActionLog multiplexer;

    private volatile Thread thread;
    private volatile DaemonEvents.Subscription subscription;

    @Activate
    public ResourceMonitorService(@Reference ClusterView view, @Reference DaemonEvents events,
                                  @Reference ActionEngine engine, @Reference ObjectStore store,
                                  @Reference InstanceFlags flags, @Reference Orchestration orchestration,
                                  @Reference Installation installation, MonitorHooks hooks) {
        this(view, events, engine, store::load, flags, orchestration, installation.nodename(), hooks,
                Clock.systemUTC());
    }

    ResourceMonitorService(ClusterView view, DaemonEvents events, ActionEngine engine,
                           Function<ObjectPath, Optional<ObjectConfig>> configs, InstanceFlags flags,
                           Orchestration orchestration, String self, MonitorHooks hooks, Clock clock) {
        this.view = view;
        this.events = events;
        this.engine = engine;
        this.configs = configs;
        this.flags = flags;
        this.self = self;
        this.clock = clock;
        this.actions = new MonitorActions(engine, flags, orchestration, view, self, hooks, this::log,
                () -> multiplexer);
    }

    @Activate
    void start() {
        subscribe();
        Thread t = new Thread(this::loop, "resmon");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Deactivate
    void stop() {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        DaemonEvents.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }

    // ---- the loop

    private void loop() {
        DaemonEvents.Subscription sub = subscription;
        while (!Thread.currentThread().isInterrupted()) {
            DaemonEvent e;
            try {
                e = sub.poll(untilDue());
            } catch (RuntimeException ex) {
                return;
            }
            while (e != null) {
                noted(e);
                e = sub.poll(Duration.ZERO);
            }
            try {
                pass();
            } catch (RuntimeException ex) {
                // one bad instance must not end the monitoring of the others: logged, tried again next time
                log(null, Level.ERROR, "resource monitor pass failed: " + ex);
            }
        }
    }

    /** One turn of the loop without waiting: the events queued, then the instances due (tests drive it). */
    void step() {
        DaemonEvents.Subscription sub = subscription;
        for (DaemonEvent e = sub.poll(Duration.ZERO); e != null; e = sub.poll(Duration.ZERO)) {
            noted(e);
        }
        pass();
    }

    /** Subscribes without starting the thread (tests call {@link #step()}). */
    void subscribe() {
        subscription = events.subscribe(10_000);
    }

    private synchronized void noted(DaemonEvent e) {
        Instant soon = clock.instant().plus(SNAPSHOT_LAG);
        if (e instanceof DaemonEvent.InstanceStatusUpdated u && self.equals(u.node()) && u.data() != null) {
            announced.put(u.path(), u.data());
            due.merge(u.path(), soon, ResourceMonitorService::earliest);
        } else if (e instanceof DaemonEvent.InstanceMonitorUpdated m && self.equals(m.node())) {
            due.merge(m.path(), soon, ResourceMonitorService::earliest);
        } else if (e instanceof DaemonEvent.InstanceStatusDeleted d && self.equals(d.node())) {
            forget(d.path());
        } else if (e instanceof DaemonEvent.EventsLost || e instanceof DaemonEvent.NodeMonitorUpdated n
                && self.equals(n.node())) {
            // missed changes, or the node became idle (or stopped being): every instance is looked at
            due.replaceAll((p, at) -> soon);
            NodeData mine = view.current().nodes().get(self);
            if (mine != null) {
                mine.instances().keySet().forEach(p -> due.merge(p, soon, ResourceMonitorService::earliest));
            }
        }
    }

    private void forget(String path) {
        states.remove(path);
        due.remove(path);
        announced.remove(path);
        freshAfter.remove(path);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private synchronized Duration untilDue() {
        Instant now = clock.instant();
        Instant next = now.plusSeconds(1);
        for (Instant at : due.values()) {
            next = earliest(next, at);
        }
        Duration d = Duration.between(now, next);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Evaluates every instance due now; a new local instance is due at once. */
    synchronized void pass() {
        if (stopped) {
            return;
        }
        DaemonStatus v = view.current();
        NodeData mine = v.nodes().get(self);
        if (mine == null) {
            return;
        }
        Instant now = clock.instant();
        for (String p : mine.instances().keySet()) {
            due.putIfAbsent(p, now);
        }
        for (String p : Set.copyOf(due.keySet())) {
            if (!mine.instances().containsKey(p) && !busy.contains(p)) {
                forget(p);
            } else if (!due.get(p).isAfter(now)) {
                evaluate(p, v, mine, now);
            }
        }
    }

    private void evaluate(String path, DaemonStatus v, NodeData mine, Instant now) {
        due.remove(path);
        if (busy.contains(path)) {
            return;
        }
        ObjectPath p = ObjectPath.parse(path);
        Optional<ObjectConfig> cfg = configs.apply(p);
        if (cfg.isEmpty()) {
            return;
        }
        ResourceRules rules = ResourceRules.from(cfg.get());
        due.put(path, now.plus(rules.schedule()));
        InstanceStatus st = newest(mine.instances().get(path), announced.get(path));
        InstanceMonitor mon = mine.monitors().get(path);
        if (st == null || mon == null) {
            // no monitor: the orchestrator has not looked at this instance yet, nothing is expected of it
            return;
        }
        Instant since = freshAfter.get(path);
        if (since != null) {
            if ((st.updatedAt() == null || st.updatedAt().isBefore(since)) && now.isBefore(since.plus(HOLD))) {
                // deciding on the status of before our action could restart a resource twice
                due.put(path, now.plusMillis(100));
                return;
            }
            freshAfter.remove(path);
        }
        Set<String> stoppedNow = new HashSet<>();
        for (String rid : st.resources().keySet()) {
            if (flags.stopped(p, rid)) {
                stoppedNow.add(rid);
            }
        }
        Facts f = new Facts(st, rules, stoppedNow, mon.state(), mon.localExpect(), mon.globalExpect(),
                mon.clearedAt(), mine.monitor() == null || mine.monitor().idle(), mine.frozen(), now);
        Verdict verdict = ResourceMonitorCore.decide(f, states.getOrDefault(path, RestartState.EMPTY));
        states.put(path, verdict.state());
        verdict.recheckAt().ifPresent(at -> due.merge(path, at, ResourceMonitorService::earliest));
        if (!verdict.restarts().isEmpty()) {
            restart(p, st, verdict.restarts());
        } else if (verdict.action().isPresent()) {
            monitorAction(p, cfg.get(), verdict.action().get());
        }
    }

    private static InstanceStatus newest(InstanceStatus a, InstanceStatus b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        if (a.updatedAt() == null || b.updatedAt() != null && b.updatedAt().isAfter(a.updatedAt())) {
            return b;
        }
        return a;
    }

    private void restart(ObjectPath p, InstanceStatus st, List<Verdict.Restart> restarts) {
        String path = p.canonical();
        for (Verdict.Restart r : restarts) {
            log(path, Level.INFO, r.reason(st.resources().get(r.rid()).status().word()));
        }
        List<String> rids = restarts.stream().map(Verdict.Restart::rid).toList();
        ActionOptions options = new ActionOptions(false, false, false, rids, null, List.of(), null);
        ActionRequest req = new ActionRequest(p, "start", options, ActionBracket.Origin.DAEMON,
                List.of("--rid", String.join(",", rids)), multiplexer, null, null);
        busy.add(path);
        CompletableFuture<om.api.action.ActionResult> run;
        try {
            run = engine.submit(req);
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((res, err) -> {
            if (err != null) {
                Throwable c = err.getCause() != null ? err.getCause() : err;
                log(path, Level.ERROR, "restart of " + String.join(",", rids) + " failed: " + c.getMessage());
            }
            InstanceStatus after = res == null ? null : res.status();
            synchronized (this) {
                busy.remove(path);
                RestartState s = states.get(path);
                if (s != null && after != null) {
                    if (after.lastStartedAt() != null) {
                        s = s.startedByMonitor(after.lastStartedAt());
                    }
                    states.put(path, ResourceMonitorCore.seen(after, s));
                }
                freshAfter.put(path, after != null && after.updatedAt() != null ? after.updatedAt()
                        : clock.instant());
                due.put(path, clock.instant());
                notifyAll();
            }
        });
    }

    private void monitorAction(ObjectPath p, ObjectConfig cfg, Verdict.MonitorAction action) {
        String path = p.canonical();
        log(path, Level.WARN, action.reason());
        busy.add(path);
        Thread t = new Thread(() -> {
            try {
                actions.run(p, cfg, action);
            } catch (RuntimeException e) {
                log(path, Level.ERROR, "monitor action failed: " + e.getMessage());
            } finally {
                synchronized (this) {
                    busy.remove(path);
                    freshAfter.put(path, clock.instant());
                    due.put(path, clock.instant());
                }
            }
        }, "resmon-action " + path);
        t.setDaemon(true);
        t.start();
    }

    /** The restart counters of an instance as last decided (for the status's {@code restart_remaining}). */
    synchronized Optional<RestartState> state(String path) {
        return Optional.ofNullable(states.get(path));
    }

    synchronized boolean busy(String path) {
        return busy.contains(path);
    }

    void log(String path, Level level, String message) {
        ActionLog l = multiplexer;
        if (l != null) {
            l.log(new LogEvent(clock.instant(), level, self, path, null, null, message, null, null, false,
                    path == null ? "resmon" : null));
        }
    }

    /** For tests: the multiplexer the component would get from the daemon. */
    void setLog(ActionLog log) {
        multiplexer = log;
    }
}
