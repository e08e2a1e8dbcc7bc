package om.orchestrator.internal.quorum;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import om.api.Installation;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.cluster.ClusterView;
import om.api.daemon.ArbitratorStatus;
import om.api.daemon.Arbitrators;
import om.api.daemon.DaemonStatus;
import om.api.daemon.NodeData;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.api.status.Level;
import om.orchestrator.api.Quorum;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Split and quorum (orchestration.md section 7). The {@code quorum} thread checks the {@code [arbitrator#<n>]} of
 * the node configuration every {@link #CHECK_EVERY} (the results go to the node data, {@code om mon}'s Arbitrators
 * section) and, with {@code cluster.quorum = true}, looks at the live nodes every {@link #TICK}: a peer seen alive
 * and absent from the cluster view now is lost (a peer in its maintenance grace is still in the view: alive). Then
 * the votes ({@link Quorum#verdict}) decide; a {@code SPLIT} verdict that holds {@code ready_period / 3}, on
 * arbitrators checked afresh, runs {@code node.split_action} once ({@link SplitWatch}). With neither quorum nor
 * arbitrators the thread only re-reads the settings every {@link #IDLE}: an idle daemon pays nothing.
 *
 * <p>The test hook: the Config Admin configuration {@value #PID} ({@code deploy/om.orchestrator.split.cfg} through
 * Felix FileInstall) with {@code crash.command} and {@code reboot.command} replaces the host's crash and reboot
 * ({@link SplitAction}).
 */
@Component(service = {}, immediate = true, configurationPid = QuorumWatch.PID)
@Designate(ocd = QuorumWatch.Hook.class)
public final class QuorumWatch {
    static final String PID = "om.orchestrator.split";
    /** Without quorum nor arbitrators: how often the settings are looked at (the spec applies changes within 5 s). */
    static final Duration IDLE = Duration.ofSeconds(5);
    /** With quorum: how often the live nodes are looked at (a death is seen within timeout + this). */
    static final Duration TICK = Duration.ofMillis(250);
    /** How often the arbitrators are checked outside a suspected split. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(10);
    /** The shortest check timeout and split delay, whatever {@code ready_period}. */
    static final Duration MIN_DELAY = Duration.ofMillis(100);

    @ObjectClassDefinition(name = "om split action test hook",
            description = "Replaces the host crash and reboot of node.split_action by commands (tests only).")
    public @interface Hook {
        @AttributeDefinition(description = "run through /bin/sh -c instead of crashing the host")
        String crash_command() default "";

        @AttributeDefinition(description = "run through /bin/sh -c instead of rebooting the host")
        String reboot_command() default "";
    }

    private final ClusterView view;
    private final NodeSettings settings;
    private final Arbitrators sink;
    private final String self;
    private final Clock clock;
    private final SplitAction.Host host;
    private final Log log;
    private volatile SplitAction.Hook hook;

    // owned by the thread that calls look()
    private final SplitWatch watch = new SplitWatch();
    private final Set<String> seen = new TreeSet<>();
    /** Peers whose last data said maintenance: gone from the view, they left, they are not lost. */
    private final Set<String> departing = new TreeSet<>();
    private Map<String, Boolean> reachable = Map.of();
    private Map<String, ArbitratorStatus> published;
    private List<Arbitrator> checked = List.of();
    private Instant checkedAt;
    private Instant nextCheck = Instant.MIN;
    private ExecutorService checks;
    /** What closes the connections of the checks running (guarded by this): stopping closes them. */
    private final Set<AutoCloseable> inflight = new java.util.HashSet<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = "(om.log=multiplexer)")
    private volatile ActionLog multiplexer;

    private volatile Thread thread;
    private volatile boolean stopped;

    @Activate
    public QuorumWatch(@Reference ClusterView view, @Reference NodeSettings settings, @Reference Arbitrators sink,
                       @Reference Installation installation, Hook hook) {
        this(view, settings, sink, installation.nodename(), Clock.systemUTC(), SplitAction.MACHINE, null, hook(hook));
    }

    /** For tests: the clock, the host's crash and reboot, where lines go (null: the multiplexer) and the hook. */
    QuorumWatch(ClusterView view, NodeSettings settings, Arbitrators sink, String self, Clock clock,
                SplitAction.Host host, Log log, SplitAction.Hook hook) {
        this.view = view;
        this.settings = settings;
        this.sink = sink;
        this.self = self;
        this.clock = clock;
        this.host = host;
        this.log = log != null ? log : this::toMultiplexer;
        this.hook = hook;
    }

    private static SplitAction.Hook hook(Hook h) {
        return h == null ? SplitAction.Hook.NONE : new SplitAction.Hook(h.crash_command(), h.reboot_command());
    }

    @Activate
    void start() {
        Thread t = new Thread(this::loop, "quorum");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** The hook changed (a .cfg edited): used from the next action on, no restart. */
    @Modified
    void modified(Hook h) {
        hook = hook(h);
    }

    @Deactivate
    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        synchronized (this) {
            if (checks != null) {
                checks.shutdownNow();
            }
            inflight.forEach(QuorumWatch::closeQuietly);
            inflight.clear();
        }
    }

    private void loop() {
        while (!stopped) {
            Duration wait;
            try {
                wait = look();
            } catch (RuntimeException e) {
                // a bug or an unreadable config must not end the watch: logged, tried again
                log.log(Level.ERROR, "quorum: " + e);
                wait = IDLE;
            }
            try {
                Thread.sleep(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One look at the settings, the arbitrators and the live nodes; how long until the next. */
    Duration look() {
        NodeConfig c = settings.current();
        List<Arbitrator> arbitrators = Arbitrator.configured(c);
        boolean quorum = c.quorum();
        Instant now = clock.instant();
        if (!quorum && arbitrators.isEmpty()) {
            seen.clear();
            watch.look(now, false, Quorum.Verdict.IGNORED, null, Duration.ZERO);
            publish(arbitrators, Map.of());
            return IDLE;
        }
        Duration delay = delay(c);
        if (!arbitrators.equals(checked) || !now.isBefore(nextCheck)) {
            check(arbitrators, delay);
        }
        if (!quorum) {
            // the arbitrators are shown in om mon all the same; cluster.quorum turned on is noticed within IDLE
            seen.clear();
            watch.look(now, false, Quorum.Verdict.IGNORED, null, Duration.ZERO);
            return IDLE;
        }
        DaemonStatus status = view.current();
        if (status == null) {
            return TICK;
        }
        List<String> members = c.clusterNodes();
        Set<String> live = new TreeSet<>();
        live.add(self);
        for (String n : status.nodes().keySet()) {
            // a peer whose data we hold but that does not hear us (no message of ours sealed within the timeout
            // reached it) will declare us dead: it is no vote of ours (simulation D5)
            if (members.contains(n) && hearsUs(status, n)) {
                live.add(n);
            }
        }
        seen.retainAll(members);
        live.stream().filter(n -> !n.equals(self)).forEach(seen::add);
        NodeData own = status.nodes().get(self);
        // a peer last seen in maintenance (om daemon stop|restart announced it) left on purpose: after its grace it is
        // out of the view, but it is not lost: its vote still counts, a planned stop never splits the cluster
        status.nodes().forEach((n, d) -> {
            if (!n.equals(self) && "maintenance".equals(d.monitor().state())) {
                departing.add(n);
            } else {
                departing.remove(n);
            }
        });
        departing.retainAll(seen);
        Set<String> lost = new TreeSet<>(seen);
        lost.removeAll(live);
        lost.removeAll(departing);
        departing.stream().filter(n -> !live.contains(n)).forEach(live::add);
        boolean frozen = own != null && own.frozen();
        Quorum.Votes votes = votes(frozen, members.size(), live.size(), arbitrators);
        Quorum.Verdict verdict = Quorum.verdict(votes);
        SplitWatch.Step step = watch.look(now, !lost.isEmpty(), verdict, checkedAt, delay);
        String action = c.getOrDefault("node", "split_action", SplitAction.CRASH);
        switch (step) {
            case SUSPECT -> {
                log.log(Level.WARN, "quorum lost: " + why(votes, live, lost) + ": split_action " + action + " in "
                        + delay.toMillis() + "ms unless the votes come back");
                // fresh results for the decision: the check is bounded by the same delay
                check(arbitrators, delay);
                return TICK;
            }
            case RUN -> {
                log.log(Level.ERROR, "split: " + why(votes, live, lost) + ": split_action " + action);
                SplitAction.run(action, hook, host, log, self);
                return TICK;
            }
            case BACK -> log.log(Level.INFO, "quorum " + (lost.isEmpty() ? "back, no peer lost" : "kept") + ": "
                    + why(votes, live, lost));
            default -> {
            }
        }
        Instant deadline = watch.deadline(delay);
        if (deadline != null) {
            Duration left = Duration.between(clock.instant(), deadline);
            return left.isNegative() ? Duration.ZERO : left.compareTo(TICK) < 0 ? left : TICK;
        }
        return TICK;
    }

    /**
     * Whether a tx heartbeat toward {@code node} is beating: the peer acknowledged a message of ours sealed within
     * that heartbeat's timeout ({@code Hub}). True when no tx row names it (nothing to tell).
     */
    public static boolean hearsUs(DaemonStatus status, String node) {
        boolean named = false;
        for (om.api.daemon.HeartbeatStatus h : status.heartbeats().values()) {
            om.api.daemon.HeartbeatStatus.Peer p = h.name().endsWith(".tx") ? h.peers().get(node) : null;
            if (p != null) {
                if (p.beating()) {
                    return true;
                }
                named = true;
            }
        }
        return !named;
    }

    /** {@code ready_period / 3}, the split delay and the check timeout. */
    static Duration delay(NodeConfig c) {
        Duration d = c.getDuration("node", "ready_period", Duration.ofSeconds(5)).dividedBy(3);
        return d.compareTo(MIN_DELAY) < 0 ? MIN_DELAY : d;
    }

    private Quorum.Votes votes(boolean frozen, int members, int live, List<Arbitrator> arbitrators) {
        List<Quorum.Arbitrator> a = new ArrayList<>();
        for (Arbitrator x : arbitrators) {
            a.add(new Quorum.Arbitrator(x.name(), x.weight(), reachable.getOrDefault(x.section(), false)));
        }
        return new Quorum.Votes(true, frozen, members, live, a);
    }

    /** The reason logged with each decision: the votes and who gave them. */
    private String why(Quorum.Votes v, Set<String> live, Set<String> lost) {
        StringBuilder b = new StringBuilder("votes " + v.votes() + "/" + v.total() + " (live " + String.join(",", live));
        if (!lost.isEmpty()) {
            b.append(", lost ").append(String.join(",", lost));
        }
        List<String> up = new ArrayList<>();
        List<String> down = new ArrayList<>();
        for (Quorum.Arbitrator a : v.arbitrators()) {
            (a.reachable() ? up : down).add(a.name() + "=" + a.weight());
        }
        if (!up.isEmpty()) {
            b.append(", arbitrators up ").append(String.join(",", up));
        }
        if (!down.isEmpty()) {
            b.append(", arbitrators down ").append(String.join(",", down));
        }
        if (v.nodeFrozen()) {
            b.append(", node frozen");
        }
        return b.append(')').toString();
    }

    /** Checks every arbitrator at once, each bounded by {@code timeout}; the results go to the node data. */
    private void check(List<Arbitrator> arbitrators, Duration timeout) {
        Map<String, Boolean> results = new HashMap<>();
        if (!arbitrators.isEmpty()) {
            ExecutorService pool = pool();
            Map<Arbitrator, Future<Boolean>> running = new LinkedHashMap<>();
            for (Arbitrator a : arbitrators) {
                running.put(a, pool.submit(() -> checkOne(a, timeout)));
            }
            long end = System.nanoTime() + timeout.toNanos() + MIN_DELAY.toNanos();
            for (Map.Entry<Arbitrator, Future<Boolean>> e : running.entrySet()) {
                boolean ok;
                try {
                    ok = e.getValue().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException | java.util.concurrent.CancellationException ex) {
                    e.getValue().cancel(true);
                    ok = false;
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Arbitrator a = e.getKey();
                Boolean before = reachable.get(a.section());
                if (before == null || before != ok) {
                    log.log(ok ? Level.INFO : Level.WARN, "arbitrator " + a.section() + " " + a.uri() + " is "
                            + (ok ? "up" : "down"));
                }
                results.put(a.section(), ok);
            }
        }
        reachable = Map.copyOf(results);
        checked = List.copyOf(arbitrators);
        checkedAt = clock.instant();
        nextCheck = checkedAt.plus(CHECK_EVERY);
        Map<String, ArbitratorStatus> shown = new TreeMap<>();
        for (Arbitrator a : arbitrators) {
            shown.put(a.section(), new ArbitratorStatus(a.name(), results.get(a.section()) ? "up" : "down"));
        }
        publish(arbitrators, shown);
    }

    private void publish(List<Arbitrator> arbitrators, Map<String, ArbitratorStatus> shown) {
        if (!shown.equals(published)) {
            published = Map.copyOf(shown);
            sink.set(published);
        }
        if (arbitrators.isEmpty()) {
            reachable = Map.of();
            checked = List.of();
        }
    }

    private boolean checkOne(Arbitrator a, Duration timeout) {
        List<AutoCloseable> mine = new ArrayList<>();
        try {
            return a.reachable(timeout, c -> {
                synchronized (this) {
                    if (stopped) {
                        closeQuietly(c);
                    } else {
                        inflight.add(c);
                        mine.add(c);
                    }
                }
            });
        } finally {
            synchronized (this) {
                mine.forEach(inflight::remove);
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing a connection to end its check: nothing more to do
        }
    }

    private synchronized ExecutorService pool() {
        if (checks == null) {
            checks = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "quorum-arbitrator");
                t.setDaemon(true);
                return t;
            });
        }
        return checks;
    }

    /** Closes the check threads (tests; the component does it at deactivation). */
    void close() {
        stop();
    }

    private void toMultiplexer(Level level, String message) {
        ActionLog l = multiplexer;
        if (l != null) {
            l.log(new LogEvent(clock.instant(), level, self, null, null, null, message, null, null, false, "quorum"));
        }
    }
}
