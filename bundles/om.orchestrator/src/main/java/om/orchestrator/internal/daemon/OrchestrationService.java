package om.orchestrator.internal.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.cluster.ClusterView;
import om.api.config.ObjectStore;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.InstanceMonitors;
import om.api.daemon.NodeData;
import om.api.node.NodeSettings;
import om.api.orchestration.Accepted;
import om.api.orchestration.Orchestration;
import om.api.orchestration.PlacementRow;
import om.api.status.InstanceFlags;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.StatusListener;
import om.orchestrator.api.ActionResult;
import om.orchestrator.api.Decision;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.InstanceView;
import om.orchestrator.api.MonitorView;
import om.orchestrator.api.NodeView;
import om.orchestrator.api.ObjectFacts;
import om.orchestrator.api.Orchestrator;
import om.orchestrator.api.Placement;
import om.orchestrator.api.Plan;
import om.orchestrator.api.Situation;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * This node's orchestrator (orchestration.md sections 2 to 7): for each object, the monitor of the local instance,
 * decided by the pure core from the merged cluster view. The {@code orchestrator} thread follows the daemon's
 * events ({@link EventIntake}) and evaluates the objects they touch (and every object every {@link #FULL_PASS}); verbs set a target and
 * evaluate at once; actions run through the engine ({@code origin daemon}, at most {@code node.max_parallel}) and
 * report their end here. One lock: one evaluation at a time, in any thread.
 */
@Component(service = Orchestration.class, immediate = true)
public final class OrchestrationService implements Orchestration, EventIntake.Passes {
    /** Every object is evaluated at least this often (a change the events did not name). */
    static final Duration FULL_PASS = Duration.ofSeconds(10);
    /** At most this many decide/apply rounds per change: each applied plan may allow the next step. */
    static final int ROUNDS = 4;
    /**
     * How long, at most, decisions wait after an action for the instance status evaluated after it (an action's
     * end is known here before the dataset shows its effect: deciding on the old status could start twice).
     */
    static final Duration HOLD = Duration.ofSeconds(5);

    private final ClusterView view;
    private final DaemonEvents events;
    private final InstanceMonitors sink;
    private final NodeSettings settings;
    private final ObjectStore store;
    private final Clock clock;
    private final String self;

    // guarded by this
    private final Situations situations;
    private final ActionMarks marks;
    private final NodeEffects effects;
    private final Map<String, OwnMonitor> own = new HashMap<>();
    private final Map<String, Instant> recheck = new HashMap<>();
    private final Map<String, Map<String, Instant>> fenced = new HashMap<>();
    /** Objects with an action of this node running: nothing else is decided for them until it ends. */
    private final Set<String> running = new HashSet<>();
    /** After an action: when it began, until the dataset shows an instance status evaluated since. */
    private final Map<String, Instant> freshAfter = new HashMap<>();
    /** After a freeze or thaw: the frozen state set, until the dataset shows it. */
    private final Map<String, Boolean> frozenSet = new HashMap<>();
    /** Whether this node's instance leads (om mon's {@code ^}), as last published. */
    private final Map<String, Boolean> leading = new HashMap<>();
    private boolean stopped;
    /** When this orchestrator began: an instance status older than that is a cache from before. */
    private final Instant activated;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(om.log=multiplexer)")
    private volatile ActionLog multiplexer;

    /** Told after a flag change (frozen, local expect): the daemon's monitor reads the instance at once. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private volatile List<StatusListener> listeners = List.of();

    private volatile Thread thread;
    private volatile DaemonEvents.Subscription subscription;

    @Activate
    public OrchestrationService(@Reference ClusterView view, @Reference DaemonEvents events,
                                @Reference InstanceMonitors sink, @Reference ActionEngine engine,
                                @Reference ObjectStore store, @Reference InstanceFlags flags,
                                @Reference NodeSettings settings, @Reference Installation installation) {
        this(view, events, sink, engine, store, flags, settings, installation, Clock.systemUTC());
    }

    OrchestrationService(ClusterView view, DaemonEvents events, InstanceMonitors sink, ActionEngine engine,
                         ObjectStore store, InstanceFlags flags, NodeSettings settings, Installation installation,
                         Clock clock) {
        this.view = view;
        this.events = events;
        this.sink = sink;
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.self = installation.nodename();
        this.situations = new Situations(self, store);
        this.effects = new NodeEffects(engine, flags, settings, installation, () -> multiplexer, () -> listeners,
                clock);
        this.marks = effects.marks();
        this.activated = clock.instant();
    }

    @Activate
    void start() {
        subscription = events.subscribe(10_000);
        Thread t = new Thread(new EventIntake(view, subscription, clock, FULL_PASS, this), "orchestrator");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Deactivate
    void stop() {
        synchronized (this) {
            stopped = true;
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

    // ---- the passes the event intake asks for

    @Override
    public synchronized void later(Set<String> paths, boolean all) {
        Instant at = clock.instant().plus(EventIntake.SNAPSHOT_LAG);
        if (all) {
            NodeData mine = view.current().nodes().get(self);
            if (mine != null) {
                mine.instances().keySet().forEach(p -> recheck.merge(p, at, (x, y) -> x.isBefore(y) ? x : y));
            }
        }
        paths.forEach(p -> recheck.merge(p, at, (x, y) -> x.isBefore(y) ? x : y));
    }

    @Override
    public synchronized Duration untilRecheck(Instant now) {
        Instant next = now.plus(Duration.ofSeconds(1));
        for (Instant at : recheck.values()) {
            if (at.isBefore(next)) {
                next = at;
            }
        }
        Duration d = Duration.between(now, next);
        return d.isNegative() ? Duration.ZERO : d;
    }

    @Override
    public void pass(Set<String> dirty, boolean all) {
        try {
            passNow(dirty, all);
        } catch (RuntimeException ex) {
            // a bug in one pass must not stop the orchestration of every object: logged, tried again
            log(null, Level.ERROR, "orchestration pass failed: " + ex);
        }
    }

    private synchronized void passNow(Set<String> dirty, boolean all) {
        if (stopped) {
            return;
        }
        DaemonStatus v = view.current();
        Instant now = clock.instant();
        if (situations.liveness(v, now, settings.current(), m -> log(null, Level.WARN, m))) {
            all = true;
        }
        Set<String> paths = new HashSet<>(dirty);
        recheck.forEach((p, at) -> {
            if (!at.isAfter(now)) {
                paths.add(p);
            }
        });
        NodeData mine = v.nodes().get(self);
        if (mine == null) {
            return;
        }
        if (all) {
            paths.addAll(mine.instances().keySet());
        }
        own.keySet().removeIf(p -> !mine.instances().containsKey(p) && !running.contains(p));
        leading.keySet().removeIf(p -> !own.containsKey(p));
        Duration ready = readyPeriod();
        for (String p : paths) {
            if (mine.instances().containsKey(p)) {
                evaluate(p, v, ready);
            }
        }
    }

    private Duration readyPeriod() {
        try {
            return settings.current().getDuration("node", "ready_period", Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            return Duration.ofSeconds(5);
        }
    }

    /** Decides and applies, a few rounds, for one object (under the lock). */
    private void evaluate(String path, DaemonStatus v, Duration ready) {
        recheck.remove(path);
        Optional<ObjectFacts> f = situations.facts(path, v, ready);
        if (f.isEmpty()) {
            return;
        }
        for (int round = 0; round < ROUNDS; round++) {
            if (holding(path, v)) {
                return;
            }
            Situation s = situation(path, f.get(), v);
            if (s == null) {
                return;
            }
            boolean leads = Placement.leaders(s.object(), s.nodes()).contains(self);
            if (!Boolean.valueOf(leads).equals(leading.put(path, leads))) {
                push(path, own.get(path));
            }
            Plan plan = running.contains(path) ? runningPlan(s) : Orchestrator.decide(s);
            if (plan.recheckAt() != null) {
                recheck.put(path, plan.recheckAt());
            }
            if (plan.decisions().isEmpty()) {
                return;
            }
            apply(path, s, plan);
        }
    }

    /** Whether the object waits for the status evaluated after its last action (then looked at again soon). */
    private boolean holding(String path, DaemonStatus v) {
        Instant since = freshAfter.get(path);
        if (since == null) {
            return false;
        }
        NodeData mine = v.nodes().get(self);
        InstanceStatus st = mine == null ? null : mine.instances().get(path);
        Instant now = clock.instant();
        if (st != null && st.updatedAt() != null && !st.updatedAt().isBefore(since) || now.isAfter(since.plus(HOLD))) {
            freshAfter.remove(path);
            return false;
        }
        recheck.put(path, now.plusMillis(100));
        return true;
    }

    /** While an action of ours runs the core must only see it in progress (its state says so). */
    private Plan runningPlan(Situation s) {
        MonitorView m = s.selfInstance().monitor();
        return m.inProgress() ? Orchestrator.decide(s) : Plan.NOTHING;
    }

    private Situation situation(String path, ObjectFacts f, DaemonStatus v) {
        OwnMonitor mine = own.get(path);
        if (mine == null) {
            NodeData d = v.nodes().get(self);
            mine = interrupted(path, v, OwnMonitor.of(d == null ? null : d.monitors().get(path)));
            if (mine == null) {
                return null;
            }
            own.put(path, mine);
        }
        // milliseconds, as the node data carries times: a clear or a target compared on every node is the same
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Situation s = situations.of(f, v, mine, now, fenced.getOrDefault(path, Map.of()), view.applied());
        Boolean frozen = frozenSet.get(path);
        if (s == null || frozen == null) {
            return s;
        }
        InstanceView me = s.selfInstance();
        if (me.frozen() == frozen) {
            frozenSet.remove(path);
            return s;
        }
        // the flag is written, the dataset shows it later: decide on what it will show
        Map<String, NodeView> nodes = new HashMap<>(s.nodes());
        NodeView n = s.selfNode();
        nodes.put(self, new NodeView(n.alive(), n.monitor(), n.frozen(), n.stats(), new InstanceView(me.avail(),
                me.overall(), frozen, me.provisioned(), me.lastStartedAt(), me.monitor()), n.diedAt()));
        return new Situation(s.object(), nodes, self, s.now(), s.fenced(), s.related(), s.quorum(), s.behind(),
                s.unheard());
    }

    /**
     * The first look at an object: an action mark left means the daemon died during that action. Its state is set
     * to {@code <action> failed}, which blocks the orchestration until {@code clear} (unless the instance shows
     * the action's aim reached: its commands outlived the daemon): the instance may be half up,
     * and a failover object must never be started a second time on a guess.
     */
    private OwnMonitor interrupted(String path, DaemonStatus v, OwnMonitor seed) {
        if (running.contains(path)) {
            return seed;
        }
        ObjectPath p = ObjectPath.parse(path);
        Optional<ActionMarks.Mark> mark = marks.read(p);
        if (mark.isEmpty()) {
            return seed;
        }
        NodeData d = v.nodes().get(self);
        InstanceStatus st = d == null ? null : d.instances().get(path);
        if (st == null || st.updatedAt() == null || st.updatedAt().isBefore(activated)) {
            // the cache of before the death: the daemon evaluates every instance at its start, wait for that
            recheck.put(path, clock.instant().plusMillis(500));
            return null;
        }
        String action = mark.get().action();
        // the action's aim reached anyway (its commands outlived the daemon): nothing to block
        boolean reached = st != null && (action.equals(Decision.Run.START) ? st.avail() == om.api.status.Status.UP
                : action.equals(Decision.Run.STOP) && st.avail() != om.api.status.Status.UP
                && st.avail() != om.api.status.Status.WARN);
        String left = "the daemon died during " + action
                + (mark.get().at() == null ? "" : " (begun " + mark.get().at() + ")") + ": the instance is left "
                + (st == null ? "unknown" : st.avail().word());
        marks.end(p);
        if (reached) {
            log(path, Level.WARN, left);
            return seed;
        }
        log(path, Level.ERROR, left + "; " + action + " failed until om " + path + " clear");
        MonitorView m = seed.view();
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        OwnMonitor failed = seed.with(new MonitorView(action + " failed", now, m.localExpect(),
                m.globalExpect(), m.clearedAt()));
        push(path, failed);
        return failed;
    }

    // ---- applying a plan

    private void apply(String path, Situation s, Plan plan) {
        OwnMonitor before = own.getOrDefault(path, OwnMonitor.IDLE);
        MonitorView m = before.view();
        String id = before.orchestrationId();
        List<Decision.Run> runs = new ArrayList<>();
        List<Decision.End> ends = new ArrayList<>();
        List<String> fences = new ArrayList<>();
        for (Decision d : plan.decisions()) {
            log(path, Level.INFO, "orchestrator: " + d.line());
            if (d instanceof Decision.Clear c) {
                m = new MonitorView(m.state(), m.stateUpdatedAt(), m.localExpect(), m.globalExpect(), c.at());
            } else if (d instanceof Decision.SetGlobalExpect g) {
                if (!g.globalExpect().none()) {
                    id = idOf(path, g.globalExpect(), id);
                }
                m = new MonitorView(m.state(), m.stateUpdatedAt(), m.localExpect(), g.globalExpect(), m.clearedAt());
            } else if (d instanceof Decision.SetState st) {
                m = new MonitorView(st.state(), s.now(), m.localExpect(), m.globalExpect(), m.clearedAt());
            } else if (d instanceof Decision.SetLocalExpect le) {
                effects.localExpect(path, le.localExpect());
                m = new MonitorView(m.state(), m.stateUpdatedAt(), le.localExpect(), m.globalExpect(), m.clearedAt());
            } else if (d instanceof Decision.ThawNode) {
                effects.thawNode(path);
            } else if (d instanceof Decision.Fence fence) {
                fenced.computeIfAbsent(path, x -> new HashMap<>()).put(fence.node(), fence.diedAt());
                fences.add(fence.node());
            } else if (d instanceof Decision.Run r) {
                runs.add(r);
            } else if (d instanceof Decision.End end) {
                ends.add(end);
            }
        }
        OwnMonitor after = new OwnMonitor(m, id);
        own.put(path, after);
        push(path, after);
        for (Decision.End end : ends) {
            sink.publish(new DaemonEvent.OrchestrationEnd(s.now(), self, path,
                    new DaemonEvent.OrchestrationEnd.Outcome(end.result(), end.target(), id)));
        }
        if (runs.isEmpty() && !fences.isEmpty()) {
            Thread t = new Thread(() -> effects.fence(path, fences), "stonith");
            t.setDaemon(true);
            t.start();
        }
        for (Decision.Run r : runs) {
            run(path, r, fences);
        }
    }

    /** The orchestration id of a target adopted from a peer: the one its monitor carries with the same time. */
    private String idOf(String path, GlobalExpect g, String fallback) {
        for (NodeData d : view.current().nodes().values()) {
            InstanceMonitor m = d.monitors().get(path);
            if (m != null && m.orchestrationId() != null && g.updatedAt() != null
                    && g.updatedAt().equals(m.globalExpectUpdatedAt())) {
                return m.orchestrationId();
            }
        }
        return fallback;
    }

    private void push(String path, OwnMonitor m) {
        sink.set(path, m.published(m.view().localExpect(), leading.getOrDefault(path, false)));
    }

    /** Freeze and thaw are flag changes, done here; start and stop go to the engine and end later. */
    private void run(String path, Decision.Run r, List<String> fences) {
        switch (r.action()) {
            case Decision.Run.FREEZE, Decision.Run.UNFREEZE -> {
                boolean freeze = r.action().equals(Decision.Run.FREEZE);
                boolean ok = effects.freeze(path, freeze);
                if (ok) {
                    frozenSet.put(path, freeze);
                }
                ended(path, new ActionResult(r.action(), ok));
            }
            default -> {
                running.add(path);
                effects.run(path, r.action(), fences).thenAccept(o -> {
                    synchronized (this) {
                        running.remove(path);
                        freshAfter.put(path, o.fresh());
                        if (!stopped) {
                            ended(path, new ActionResult(r.action(), o.ok()));
                        }
                    }
                });
            }
        }
    }

    /** An action ended: the core's after-action plan, then the next steps (under the lock). */
    private void ended(String path, ActionResult result) {
        DaemonStatus v = view.current();
        Optional<ObjectFacts> f = situations.facts(path, v, readyPeriod());
        if (f.isEmpty()) {
            return;
        }
        Situation s = situation(path, f.get(), v);
        if (s == null) {
            return;
        }
        Plan plan = Orchestrator.afterAction(s, result);
        apply(path, s, plan);
        // the next step comes when the instance status shows the action's effect (an event), or at the recheck
        recheck.put(path, clock.instant().plusMillis(100));
    }

    // ---- the verbs

    /**
     * How long a verb waits for the daemon to show an object it has on disk but not evaluated yet ({@code om create}
     * just before): the daemon evaluates a new config within a scan.
     */
    static final Duration KNOWN = Duration.ofSeconds(5);

    /** Waits (outside the lock) until the dataset holds the local instance of an object the store has. */
    private void awaitKnown(ObjectPath path) {
        long deadline = System.nanoTime() + KNOWN.toNanos();
        String key = path.canonical();
        while (System.nanoTime() < deadline && store.exists(path)) {
            NodeData d = view.current().nodes().get(self);
            if (d != null && d.configs().containsKey(key) && d.instances().containsKey(key)) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public Accepted request(ObjectPath path, String verb, List<String> destination) {
        awaitKnown(path);
        return requestKnown(path, verb, destination);
    }

    private synchronized Accepted requestKnown(ObjectPath path, String verb, List<String> destination) {
        String key = path.canonical();
        Situation s = requireSituation(path);
        Instant now = s.now();
        GlobalExpect wanted = VerbTargets.of(verb, destination, self, now);
        Optional<String> refused = Orchestrator.refusal(s, verb, wanted);
        if (refused.isPresent()) {
            throw new OmException(refused.get());
        }
        if (s.object().disable()) {
            return new Accepted(null, wanted.word(), now, true);
        }
        OwnMonitor mine = own.get(key);
        GlobalExpect pending = pending(s);
        if (!pending.none() && pending.value().equals(wanted.value())
                && pending.destination().equals(wanted.destination())) {
            // the same target already pending: this request joins it
            return new Accepted(idOf(key, pending, mine.orchestrationId()), pending.word(), pending.updatedAt(),
                    false);
        }
        String id = UUID.randomUUID().toString();
        MonitorView m = mine.view();
        OwnMonitor set = new OwnMonitor(new MonitorView(m.state(), m.stateUpdatedAt(), m.localExpect(), wanted,
                m.clearedAt()), id);
        own.put(key, set);
        push(key, set);
        log(key, Level.INFO, "orchestrator: " + verb + " asked: global expect " + wanted.word() + " (" + id + ")");
        evaluate(key, view.current(), readyPeriod());
        return new Accepted(id, wanted.word(), now, false);
    }

    /** The most recent target among the live instances. */
    private static GlobalExpect pending(Situation s) {
        GlobalExpect t = GlobalExpect.UNSET;
        for (var n : s.nodes().values()) {
            if (n.alive() && n.instance() != null && n.instance().monitor().globalExpect().newerThan(t)) {
                t = n.instance().monitor().globalExpect();
            }
        }
        return t;
    }

    @Override
    public void clear(ObjectPath path) {
        awaitKnown(path);
        clearKnown(path);
    }

    private synchronized void clearKnown(ObjectPath path) {
        String key = path.canonical();
        Situation s = requireSituation(path);
        log(key, Level.INFO, "orchestrator: clear asked");
        apply(key, s, Orchestrator.clear(s));
        evaluate(key, view.current(), readyPeriod());
    }

    @Override
    public List<PlacementRow> placement(ObjectPath path) {
        awaitKnown(path);
        return placementKnown(path);
    }

    private synchronized List<PlacementRow> placementKnown(ObjectPath path) {
        Situation s = requireSituation(path);
        List<PlacementRow> out = new ArrayList<>();
        for (Placement.Row r : Placement.explain(s.object(), s.nodes())) {
            out.add(new PlacementRow(r.node(), r.candidate(), r.rank(), r.leader(), r.why()));
        }
        return out;
    }

    private Situation requireSituation(ObjectPath path) {
        String key = path.canonical();
        DaemonStatus v = view.current();
        Optional<ObjectFacts> f = situations.facts(key, v, readyPeriod());
        if (f.isEmpty()) {
            throw new OmException(key + ": object not found");
        }
        Situation s = situation(key, f.get(), v);
        if (s == null) {
            throw new OmException(key + ": no instance on " + self + " yet");
        }
        return s;
    }

    private void log(String path, Level level, String message) {
        effects.log(path, level, message);
    }
}
