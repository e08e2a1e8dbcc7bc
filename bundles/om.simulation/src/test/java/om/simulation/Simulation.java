package om.simulation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import om.orchestrator.api.ObjectFacts;
import om.orchestrator.api.Quorum;

/**
 * The simulated cluster: one event queue in virtual milliseconds, one {@link SplittableRandom} from the seed for
 * every choice, taken in event order, so one seed replays the same run exactly. Events are heartbeats, message
 * deliveries, action ends, rechecks and split checks of the nodes, and the faults {@link Chaos} throws until the
 * quiet tail. {@link Checker} looks at the cluster after every event.
 */
final class Simulation {
    static final Instant EPOCH = Instant.parse("2026-12-01T10:00:00Z");

    /** What happens at a virtual time; {@code boot} ties a node's event to the daemon run that scheduled it. */
    sealed interface Event permits Beat, Look, Deliver, ActionEnd, Recheck, SplitCheck, Eval, Send, Restart,
            ChaosTick, Quiet {
    }

    /** The quorum watch's look, every {@link #LOOK} ms. */
    record Look(SimNode node, int boot) implements Event {
    }

    static final long LOOK = 250;

    record Send(SimNode node, int boot) implements Event {
    }

    record Beat(SimNode node, int boot) implements Event {
    }

    record Deliver(SimNode to, Object message) implements Event {
    }

    record ActionEnd(SimNode node, int boot, String path, String action, boolean ok) implements Event {
    }

    record Recheck(SimNode node, int boot, String path) implements Event {
    }

    record SplitCheck(SimNode node, int boot) implements Event {
    }

    record Eval(SimNode node, int boot) implements Event {
    }

    record Restart(SimNode node) implements Event {
    }

    record ChaosTick() implements Event {
    }

    record Quiet() implements Event {
    }

    private record Scheduled(long at, long seq, Event event) {
    }

    /** A run ended on a broken invariant. */
    static final class Violation extends RuntimeException {
        /** The {@link KnownFailures} id this violation is an instance of, null when it is a new one. */
        final String known;

        Violation(String message, String known) {
            super(message, null, false, false);
            this.known = known;
        }
    }

    private final Params params;
    final SplittableRandom random;
    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>(
            java.util.Comparator.comparingLong(Scheduled::at).thenComparingLong(Scheduled::seq));
    final Map<String, SimNode> nodes = new TreeMap<>();
    private final Map<String, ObjectFacts> facts = new TreeMap<>();
    final Checker checker;
    final Chaos chaos;
    private final List<String> trace;
    private long time;
    private long seq;
    /** Per node, its side of the current partition (all 0: healed). */
    final Map<String, Integer> side = new TreeMap<>();
    boolean quiet;
    long messages;
    /** The last virtual time a node's data changed: the convergence time of the scale run. */
    long lastChange;
    /** False in the scale run: violations are collected and the run goes on. */
    boolean stopOnViolation = true;
    final List<Violation> violations = new ArrayList<>();
    /** Called at each heartbeat of the first node, once per virtual interval (the scale run's probe). */
    Runnable onBeat = () -> { };

    /** Heartbeats through the daemon's real dataset exchange ({@link DaemonWire}) rather than snapshots. */
    final boolean daemonWire;

    Simulation(Params params, boolean tracing) {
        this(params, tracing, false);
    }

    Simulation(Params params, boolean tracing, boolean daemonWire) {
        this.params = params;
        this.daemonWire = daemonWire;
        this.random = new SplittableRandom(params.seed() ^ 0x5DEECE66DL);
        this.trace = tracing ? new ArrayList<>() : null;
        params.objects().forEach(o -> facts.put(o.path(), o));
        params.nodes().forEach(n -> {
            nodes.put(n, new SimNode(n, this));
            side.put(n, 0);
        });
        this.checker = new Checker(this);
        this.chaos = new Chaos(this);
    }

    Params params() {
        return params;
    }

    long time() {
        return time;
    }

    ObjectFacts facts(String path) {
        return facts.get(path);
    }

    /** The nodes holding an instance of {@code f}: those of its {@code nodes}. */
    List<SimNode> scope(ObjectFacts f) {
        return f.nodes().stream().map(nodes::get).toList();
    }

    List<String> trace() {
        return trace == null ? List.of() : trace;
    }

    /** Runs the faults, then the quiet tail, then the end checks; throws {@link Violation}. */
    Simulation run() {
        for (SimNode n : nodes.values()) {
            n.boot();
            // the daemons do not beat in step: each starts at its own offset in the interval
            at(random.nextLong(params.interval().toMillis()), new Beat(n, n.boots));
            at(LOOK, new Look(n, n.boots));
        }
        at(chaos.next(), new ChaosTick());
        long quietAt = params.faultsFor().toMillis();
        at(quietAt, new Quiet());
        long end = quietAt + params.tail().toMillis();
        while (!queue.isEmpty() && queue.peek().at() <= end) {
            Scheduled s = queue.poll();
            time = s.at();
            handle(s.event());
            checker.afterEvent();
        }
        checker.atEnd();
        return this;
    }

    private void handle(Event e) {
        if (e instanceof Beat b && current(b.node(), b.boot())) {
            if (b.node().name.equals(params.nodes().get(0))) {
                onBeat.run();
            }
            b.node().beat();
            send(b.node());
            at(time + params.interval().toMillis(), new Beat(b.node(), b.boot()));
        } else if (e instanceof Look k && current(k.node(), k.boot())) {
            k.node().look();
            at(time + LOOK, new Look(k.node(), k.boot()));
        } else if (e instanceof Deliver d && d.to().up) {
            if (d.message() instanceof Snapshot s) {
                d.to().receive(s);
            } else {
                d.to().receiveWire(d.message());
            }
        } else if (e instanceof ActionEnd a && current(a.node(), a.boot())) {
            a.node().actionEnded(a.path(), a.action(), a.ok());
        } else if (e instanceof Recheck r && current(r.node(), r.boot())) {
            r.node().insts.get(r.path()).dirty = true;
            r.node().evaluate();
        } else if (e instanceof SplitCheck c && current(c.node(), c.boot())) {
            splitCheck(c.node());
        } else if (e instanceof Send x && current(x.node(), x.boot())) {
            x.node().sendPending = false;
            send(x.node());
        } else if (e instanceof Eval v && current(v.node(), v.boot())) {
            v.node().evaluate();
        } else if (e instanceof Restart r && !r.node().up) {
            r.node().boot();
            trace(r.node().name, "daemon starts (boot " + r.node().boots + ")");
            at(time, new Beat(r.node(), r.node().boots));
            at(time + LOOK, new Look(r.node(), r.node().boots));
        } else if (e instanceof ChaosTick) {
            if (!quiet) {
                chaos.strike();
                at(time + chaos.next(), new ChaosTick());
            }
        } else if (e instanceof Quiet) {
            quiet = true;
            chaos.heal();
        }
    }

    private static boolean current(SimNode n, int boot) {
        return n.up && n.boots == boot;
    }

    void at(long when, Event e) {
        queue.add(new Scheduled(when, seq++, e));
    }

    // ---- what the nodes ask of the world

    /** A node's data changed: it sends at once, like the daemon after a commit. */
    void changed(SimNode n) {
        lastChange = time;
        send(n);
    }

    /** Virtual ms of the run so far (the scale run's figures). */
    long quietAt() {
        return params.faultsFor().toMillis();
    }

    private void send(SimNode from) {
        if (!from.up) {
            return;
        }
        Object m = from.message();
        for (SimNode to : nodes.values()) {
            if (to != from) {
                deliver(from, to, m);
            }
        }
    }

    /** The network: partitions cut, loss drops, spikes delay (and so reorder), duplicates arrive twice. */
    private void deliver(SimNode from, SimNode to, Object m) {
        messages++;
        if (!side.get(from.name).equals(side.get(to.name))) {
            return;
        }
        boolean faulty = !quiet;
        if (faulty && random.nextDouble() < params.loss()) {
            return;
        }
        int copies = faulty && random.nextDouble() < params.dup() ? 2 : 1;
        for (int c = 0; c < copies; c++) {
            long delay = 1 + random.nextInt(20);
            if (faulty && random.nextDouble() < params.spike()) {
                delay += random.nextLong(params.maxDelay().toMillis());
            }
            at(time + delay, new Deliver(to, m));
        }
    }

    /** A peer asked for our data: one message a moment later, whatever the number of receipts meanwhile. */
    void sendSoon(SimNode n) {
        if (!n.sendPending) {
            n.sendPending = true;
            at(time + 5, new Send(n, n.boots));
        }
    }

    /** Receipts are applied at once; the evaluation they call for runs a moment later, once per burst. */
    void evaluateSoon(SimNode n) {
        at(time + 5, new Eval(n, n.boots));
    }

    void recheck(SimNode n, String path, Instant at) {
        long delay = Math.max(0, at.toEpochMilli() - n.now().toEpochMilli());
        at(time + delay, new Recheck(n, n.boots, path));
    }

    /** The action engine: an action takes virtual time, and while faults run it may fail. */
    void startAction(SimNode n, String path, String action) {
        trace(n.name, path + " run " + action);
        checker.beforeAction(n, path, action);
        long took = 50 + random.nextLong(params.maxAction().toMillis());
        boolean ok = quiet || random.nextDouble() >= params.failRate();
        at(time + took, new ActionEnd(n, n.boots, path, action, ok));
    }

    /** The quorum rule when a peer is lost: on a split, check again after {@code ready_period / 3}, then crash. */
    void quorum(SimNode n) {
        Quorum.Verdict v = Quorum.verdict(new Quorum.Votes(params.quorum(), n.nodeFrozen, nodes.size(),
                n.votes(), List.of()));
        if (v != Quorum.Verdict.SPLIT) {
            n.splitSince = null;
        } else if (n.splitSince == null) {
            n.splitSince = time;
            trace(n.name, "lost quorum (" + n.votes() + " of " + nodes.size() + ")");
            at(time + params.readyPeriod().toMillis() / 3, new SplitCheck(n, n.boots));
        }
    }

    private void splitCheck(SimNode n) {
        Quorum.Verdict v = Quorum.verdict(new Quorum.Votes(params.quorum(), n.nodeFrozen, nodes.size(),
                n.votes(), List.of()));
        if (v == Quorum.Verdict.SPLIT) {
            trace(n.name, "split action: crash");
            crash(n);
        } else {
            n.splitSince = null;
        }
    }

    /**
     * {@code [stonith#<node>]}: the fence command powers the node off through its out-of-band management, which a
     * partition of the heartbeat networks does not cut. A node already down stays down; one up crashes.
     */
    void stonith(SimNode by, String node) {
        SimNode n = nodes.get(node);
        trace(by.name, "stonith " + node + (n.up || n.apps.containsValue(om.api.status.Status.UP) ? ": powered off"
                : ": already down"));
        if (n.up) {
            crash(n);
        } else {
            // its daemon was down (a restart), its resources running: they die with the power
            n.apps.replaceAll((p, a) -> om.api.status.Status.DOWN);
        }
    }

    /** The node goes down: its resources die with it, its daemon's memory is lost, its disk stays. */
    void crash(SimNode n) {
        n.up = false;
        n.apps.replaceAll((p, a) -> om.api.status.Status.DOWN);
        at(time + 2000 + random.nextLong(20000), new Restart(n));
    }

    void trace(String node, String what) {
        if (trace != null) {
            trace.add(String.format("%9.3fs %-3s %s", time / 1000.0, node, what));
        }
    }

    void fail(String why) {
        fail(why, null);
    }

    void fail(String why, String known) {
        trace("!!", why + (known == null ? "" : " [known " + known + "]"));
        Violation v = new Violation(String.format("at %.3fs: %s", time / 1000.0, why), known);
        if (!stopOnViolation) {
            violations.add(v);
            return;
        }
        throw v;
    }
}
