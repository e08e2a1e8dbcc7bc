package om.simulation;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import om.api.daemon.NodeMonitor;
import om.api.status.Status;
import om.orchestrator.api.ActionResult;
import om.orchestrator.api.Decision;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.InstanceView;
import om.orchestrator.api.MonitorView;
import om.orchestrator.api.NodeView;
import om.orchestrator.api.ObjectFacts;
import om.orchestrator.api.Orchestrator;
import om.orchestrator.api.Plan;
import om.orchestrator.api.Quorum;
import om.orchestrator.api.Situation;

/**
 * One simulated node: what survives a crash (its "disk": the node frozen flag, the frozen instances, the boot
 * count), what survives a daemon restart but not a crash (the resources: {@link #apps}), and the daemon's memory
 * (the instance monitors, the peers' last data, liveness). It runs the decision core like the daemon does: after a
 * change of its view, at a plan's recheck time, after an action ends, a few plans in a row at most.
 */
final class SimNode {
    static final String REJOIN = "rejoin";
    static final String MAINTENANCE = "maintenance";

    /** The daemon's memory of one of its instances. */
    static final class Inst {
        String state = "init";
        Instant stateAt;
        String localExpect = "none";
        GlobalExpect target = GlobalExpect.UNSET;
        Instant clearedAt;
        /** When (virtual ms) {@link #state} last changed: a message of ours sent from then on carries it. */
        long stateSince = Long.MIN_VALUE;
        String running;
        final Map<String, Instant> fenced = new TreeMap<>();
        boolean dirty = true;
    }

    /** What this node knows of a peer: its last data, when it was last heard (virtual ms), whether alive. */
    static final class Peer {
        Snapshot last;
        long heardAt;
        boolean alive;
        Instant diedAt;
        /** When a majority agreed it is dead ({@link #deathAgreed}), on this node's clock; null while not. */
        Instant agreedAt;
        /** When (virtual ms) we sent the newest message of ours it echoed; MIN_VALUE when none. */
        long echoAt = Long.MIN_VALUE;
        /** Its typed data as the daemon wire rebuilt it (the base its patches apply to). */
        om.api.daemon.NodeData data;
    }

    final String name;
    final Simulation sim;
    Brain brain = Brain.REAL;
    // the disk
    boolean nodeFrozen;
    final Set<String> frozenInstances = new HashSet<>();
    int boots;
    // the resources
    final Map<String, Status> apps = new TreeMap<>();
    // the daemon
    boolean up;
    long clockOffset;
    String monitor;
    /** When {@link #monitor} last changed, on this node's clock (the node monitor's {@code state_updated_at}). */
    Instant monitorAt;
    long bootAt;
    long seq;
    Long splitSince;
    /** The daemon's dataset exchange, null when the simulation's own snapshots carry the data. */
    DaemonWire wire;
    /** A send is scheduled ({@link Simulation#sendSoon}). */
    boolean sendPending;
    final Map<String, Inst> insts = new TreeMap<>();
    final Map<String, Peer> peers = new TreeMap<>();
    /** The peers that were votes at some look of this daemon run (the quorum watch's seen). */
    final Set<String> voters = new java.util.TreeSet<>();
    /** Our messages of this daemon run by stamp, with when they went out (virtual ms). */
    final java.util.TreeMap<Long, Long> sealed = new java.util.TreeMap<>();
    /** The objects whose {@code nodes} include this node: the only ones it holds an instance of. */
    final List<ObjectFacts> mine;

    SimNode(String name, Simulation sim) {
        this.name = name;
        this.sim = sim;
        this.mine = sim.params().objects().stream().filter(o -> o.nodes().contains(name)).toList();
        mine.forEach(o -> apps.put(o.path(), Status.DOWN));
    }

    /** The daemon starts: monitors start over from {@code init}, peers unknown until heard. */
    void boot() {
        boots++;
        up = true;
        monitor = REJOIN;
        bootAt = sim.time();
        monitorAt = now();
        sendPending = false;
        seq = 0;
        splitSince = null;
        insts.clear();
        peers.clear();
        sealed.clear();
        voters.clear();
        mine.forEach(o -> insts.put(o.path(), new Inst()));
        sim.params().nodes().stream().filter(n -> !n.equals(name)).forEach(n -> peers.put(n, new Peer()));
        wire = sim.daemonWire ? new DaemonWire(this) : null;
    }

    /** The node's wall clock: virtual time plus its own offset (clock jumps move the offset). */
    Instant now() {
        return Simulation.EPOCH.plusMillis(sim.time() + clockOffset);
    }

    /** The next message: the data now, one sequence number further. */
    Snapshot snapshot() {
        seq++;
        Snapshot s = data();
        sealed(s.stamp());
        return s;
    }

    /** A message of ours goes out: its stamp with when, what a peer's echo names (a few minutes kept). */
    void sealed(long stamp) {
        sealed.put(stamp, sim.time());
        while (sim.time() - sealed.firstEntry().getValue() > 300_000) {
            sealed.pollFirstEntry();
        }
    }

    /** A peer's message echoed {@code stamp} of ours (null: none): when we sent it, as the hub's {@code Ack}. */
    void echoed(Peer p, Long stamp) {
        Map.Entry<Long, Long> e = stamp == null ? null : sealed.floorEntry(stamp);
        long at = e == null ? Long.MIN_VALUE : e.getValue();
        p.echoAt = Math.max(p.echoAt, at);
    }

    /**
     * Whether the peer heard us within the timeout: a message of ours it accepted went out at most a timeout ago.
     * Only such peers are votes: a peer that stopped hearing us declares us dead by then, whatever we still hear of
     * it (simulation D5).
     */
    boolean hearsUs(Peer p) {
        return p.alive && sim.time() - p.echoAt <= sim.params().timeout().toMillis();
    }

    /** This node and the peers that hear it: the votes of the split rule. */
    int votes() {
        return 1 + (int) peers.values().stream().filter(this::hearsUs).count();
    }

    /** The data now, as the last message sent carries it (convergence compares peers' views with it). */
    Snapshot data() {
        Map<String, InstanceView> m = new LinkedHashMap<>();
        insts.forEach((p, i) -> m.put(p, view(p, i)));
        Map<String, Long> echo = new TreeMap<>();
        peers.forEach((n, p) -> {
            if (p.last != null) {
                // the newest snapshot accepted from it (with the daemon wire the echo travels in the wire)
                echo.put(n, p.last.stamp());
            }
        });
        return new Snapshot(name, boots, seq, nodeFrozen, monitor, m, lost(), echo);
    }

    private InstanceView view(String path, Inst i) {
        Status a = apps.get(path);
        return new InstanceView(a, a, frozenInstances.contains(path), "true", null,
                new MonitorView(i.state, i.stateAt, i.localExpect, i.target, i.clearedAt));
    }

    Situation situation(ObjectFacts f) {
        Map<String, NodeView> nodes = new TreeMap<>();
        nodes.put(name, new NodeView(true, new NodeMonitor(monitor, "none", monitorAt), nodeFrozen, null,
                view(f.path(), insts.get(f.path())), null));
        peers.forEach((n, p) -> {
            if (p.last != null) {
                // a lost peer is dead once a majority agrees, from then: until then it keeps its last data, alive
                boolean dead = !p.alive && p.agreedAt != null;
                nodes.put(n, new NodeView(!dead, new NodeMonitor(p.last.monitor(), "none", null),
                        p.last.frozen(), null, p.last.instances().get(f.path()), dead ? p.agreedAt : null));
            }
        });
        // the daemon's Situations: this node and the peers that hear it are a majority (quorum on)
        boolean quorum = !sim.params().quorum() || 2 * votes() > sim.nodes.size();
        // the daemon's Situations: the peers whose echo names no message of ours sent since the state changed
        Inst i = insts.get(f.path());
        Set<String> behind = new java.util.TreeSet<>();
        peers.forEach((n, p) -> {
            if (p.alive && p.last != null && p.echoAt < i.stateSince) {
                behind.add(n);
            }
        });
        // the daemon's Situations: the peers never heard since boot whose absence no majority agrees on
        Set<String> unheard = new java.util.TreeSet<>();
        peers.forEach((n, p) -> {
            if (p.last == null && !deathAgreed(n)) {
                unheard.add(n);
            }
        });
        return new Situation(f, nodes, name, now(), i.fenced, java.util.Map.of(), quorum, behind, unheard);
    }

    // ---- heartbeats

    /** The next message: a snapshot, or the daemon wire's full / patch / ping. */
    Object message() {
        return wire == null ? snapshot() : wire.message();
    }

    /** A message arrived through the daemon wire: every one is heard, only a change updates the view. */
    void receiveWire(Object message) {
        String from = om.daemon.internal.cluster.SimWire.sender(message);
        Peer p = peers.get(from);
        Snapshot s = wire.receive(message, p);
        if (s != null) {
            update(s, p);
        } else {
            if (!p.alive && p.last != null) {
                sim.trace(name, "hears " + from + " again");
                dirtyAll();
                sim.evaluateSoon(this);
            }
            p.heardAt = sim.time();
            p.alive = true;
            p.diedAt = null;
            p.agreedAt = null;
        }
        if (wire.takeSendNow()) {
            // like the daemon's monitor loop: one message after a burst of receipts, not one per receipt
            sim.sendSoon(this);
        }
    }

    /** A message arrived: keep it when newer, mark the objects whose data changed. */
    void receive(Snapshot s) {
        Peer p = peers.get(s.node());
        if (!s.newerThan(p.last)) {
            return;
        }
        echoed(p, s.echo().get(name));
        update(s, p);
    }

    private void update(Snapshot s, Peer p) {
        boolean all = p.last == null || !p.alive || p.last.frozen() != s.frozen()
                || !p.last.monitor().equals(s.monitor()) || !p.last.lost().equals(s.lost());
        if (!p.alive) {
            sim.trace(name, "hears " + s.node() + (p.last == null ? "" : " again"));
        }
        for (Map.Entry<String, Inst> e : insts.entrySet()) {
            if (all || !Objects.equals(s.instances().get(e.getKey()), p.last.instances().get(e.getKey()))) {
                e.getValue().dirty = true;
            }
        }
        p.last = s;
        p.heardAt = sim.time();
        p.alive = true;
        p.diedAt = null;
        p.agreedAt = null;
        agreements();
        sim.evaluateSoon(this);
    }

    /**
     * The agreement on each lost peer's death, again: it starts when a majority agrees (the dead peer's
     * {@code diedAt}, its ready period counts from it) and ends as soon as it no longer holds (an agreeing peer
     * found the lost one again, or was lost too), like the daemon's {@code Situations.liveness}.
     */
    void agreements() {
        peers.forEach((n, p) -> {
            boolean agreed = !p.alive && p.last != null && deathAgreed(n);
            if (agreed && p.agreedAt == null) {
                p.agreedAt = now();
                sim.trace(name, "agrees " + n + " is dead");
                dirtyAll();
            } else if (!agreed && p.agreedAt != null) {
                p.agreedAt = null;
                if (!p.alive) {
                    sim.trace(name, "no longer agrees " + n + " is dead");
                }
                dirtyAll();
            }
        });
    }

    /** Every interval: liveness, rejoin, quorum, then the objects whose data changed. */
    void beat() {
        long t = sim.time();
        long timeout = sim.params().timeout().toMillis();
        boolean lost = false;
        for (Map.Entry<String, Peer> e : peers.entrySet()) {
            Peer p = e.getValue();
            // a peer that announced maintenance keeps its data for a grace period (ClusterData.tick)
            long limit = p.last != null && MAINTENANCE.equals(p.last.monitor()) ? 6 * timeout : timeout;
            if (p.alive && t - p.heardAt > limit) {
                p.alive = false;
                p.diedAt = now();
                sim.trace(name, "declares " + e.getKey() + " dead");
                if (wire != null) {
                    wire.dead(e.getKey());
                }
                dirtyAll();
                lost = true;
            }
        }
        // rejoin ends when every peer's data is in (ClusterData.complete: a full applied), or after the grace
        if (REJOIN.equals(monitor) && (peers.values().stream().allMatch(p -> p.alive && p.last != null)
                || t - bootAt > 2 * timeout)) {
            monitor = NodeMonitor.IDLE;
            monitorAt = now();
            sim.trace(name, "rejoined");
            if (!peers.values().stream().allMatch(p -> p.alive && p.last != null) && !nodeFrozen) {
                // as the daemon's Membership: the grace expired before every peer's data came, the node freezes
                nodeFrozen = true;
                sim.trace(name, "rejoin grace period expired: local node has been frozen");
            }
            // the rejoin grace expired with peers unheard: they count as lost, so the quorum is evaluated
            lost = peers.values().stream().anyMatch(p -> !p.alive);
            dirtyAll();
            sim.changed(this);
        }
        if (lost && !REJOIN.equals(monitor)) {
            // the daemon evaluates the quorum when it loses a peer, not while it rejoins
            sim.quorum(this);
        }
        agreements();
        evaluate();
    }

    /**
     * The quorum watch's look (every 250 ms): while a peer once a vote (alive and hearing us) is not (dead, or
     * no longer hearing us), the split rule applies, whatever we still hear of it. A member never heard is not
     * lost: a member added to cluster.nodes must not make a live node split.
     */
    void look() {
        if (REJOIN.equals(monitor)) {
            return;
        }
        Set<String> now = new java.util.TreeSet<>();
        peers.forEach((n, p) -> {
            if (hearsUs(p)) {
                now.add(n);
            }
        });
        voters.addAll(now);
        if (!now.containsAll(voters)) {
            sim.quorum(this);
        }
    }

    void dirtyAll() {
        insts.values().forEach(i -> i.dirty = true);
    }

    /** The peers whose data this node does not hold: what its {@code gen} shows as 0. */
    Set<String> lost() {
        Set<String> out = new java.util.TreeSet<>();
        peers.forEach((n, p) -> {
            if (!p.alive || p.last == null) {
                out.add(n);
            }
        });
        return out;
    }

    /**
     * Whether a majority agrees that the lost {@code peer} is dead ({@link Quorum#deathAgreed}): this node and the
     * live peers out of rejoin whose last data shows they lost it too.
     */
    boolean deathAgreed(String peer) {
        int agree = 1;
        for (Map.Entry<String, Peer> e : peers.entrySet()) {
            Peer o = e.getValue();
            if (!e.getKey().equals(peer) && o.alive && o.last != null && !REJOIN.equals(o.last.monitor())
                    && o.last.lost().contains(peer)) {
                agree++;
            }
        }
        return Quorum.deathAgreed(new Quorum.Votes(sim.params().quorum(), nodeFrozen, sim.nodes.size(), agree,
                List.of()));
    }

    // ---- deciding

    void evaluate() {
        for (ObjectFacts f : mine) {
            Inst i = insts.get(f.path());
            if (i.dirty) {
                i.dirty = false;
                decide(f);
            }
        }
    }

    void decide(ObjectFacts f) {
        // a plan changes the data it was made from; the next evaluation may take the next step at once
        for (int round = 0; round < 4 && up; round++) {
            Plan p = brain.decide(situation(f));
            if (p.recheckAt() != null) {
                sim.recheck(this, f.path(), p.recheckAt());
            }
            if (p.decisions().isEmpty()) {
                return;
            }
            apply(f.path(), p);
        }
    }

    void apply(String path, Plan plan) {
        Inst i = insts.get(path);
        for (Decision d : plan.decisions()) {
            if (d instanceof Decision.Clear c) {
                i.clearedAt = c.at();
            } else if (d instanceof Decision.SetGlobalExpect g) {
                if (!g.globalExpect().equals(i.target)) {
                    sim.trace(name, path + " global_expect " + g.globalExpect().word());
                }
                i.target = g.globalExpect();
            } else if (d instanceof Decision.SetState st) {
                i.state = st.state();
                i.stateAt = now();
                i.stateSince = sim.time();
            } else if (d instanceof Decision.SetLocalExpect l) {
                i.localExpect = l.localExpect();
            } else if (d instanceof Decision.ThawNode) {
                nodeFrozen = false;
                sim.trace(name, "thaws the node");
                dirtyAll();
            } else if (d instanceof Decision.Fence f) {
                i.fenced.put(f.node(), f.diedAt());
                sim.stonith(this, f.node());
            } else if (d instanceof Decision.Run r) {
                if (i.running != null) {
                    sim.fail(name + " plans " + r.action() + " " + path + " while " + i.running + " runs");
                }
                i.running = r.action();
                sim.startAction(this, path, r.action());
            } else if (d instanceof Decision.End e) {
                sim.trace(name, path + " " + e.line());
            }
        }
        sim.changed(this);
    }

    /** The action engine reports the end of an action: its effect on the resources, then the core's follow-up. */
    void actionEnded(String path, String action, boolean ok) {
        Inst i = insts.get(path);
        i.running = null;
        if (ok) {
            switch (action) {
                case Decision.Run.START -> apps.put(path, Status.UP);
                case Decision.Run.STOP -> apps.put(path, Status.DOWN);
                case Decision.Run.FREEZE -> frozenInstances.add(path);
                default -> frozenInstances.remove(path);
            }
        } else if (Decision.Run.START.equals(action)) {
            // a failed start rolls back what it started
            apps.put(path, Status.DOWN);
        }
        sim.trace(name, path + " " + action + (ok ? " ok" : " failed"));
        ObjectFacts f = sim.facts(path);
        apply(path, Orchestrator.afterAction(situation(f), new ActionResult(action, ok)));
        i.dirty = true;
        evaluate();
    }

    boolean busy() {
        return insts.values().stream().anyMatch(i -> i.running != null);
    }

    /** The resources of {@code path} are up, partly up, or being started or stopped here. */
    boolean active(String path) {
        Status a = apps.get(path);
        Inst i = up ? insts.get(path) : null;
        boolean moving = i != null && (Decision.Run.START.equals(i.running) || Decision.Run.STOP.equals(i.running));
        return a == Status.UP || a == Status.WARN || moving;
    }

    /** Whether this node sees {@code peer} alive (the split question). */
    boolean sees(String peer) {
        Peer p = peers.get(peer);
        return p != null && p.alive;
    }
}
