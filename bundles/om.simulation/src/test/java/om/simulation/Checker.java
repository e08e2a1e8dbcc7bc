package om.simulation;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import om.orchestrator.api.Decision;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.ObjectFacts;

/**
 * The invariants. (a) and (d) are checked where they can break: a failover instance only becomes active when a
 * start begins (a crash, a stop or a failed start only take instances down), so checking every start against
 * the truth of the other nodes' resources is checking after every step. (b) and (c) are checked at the end of
 * the quiet tail.
 * <ul>
 *   <li>(a) at most one instance of a failover object active (up, partly up, starting or stopping), except in a
 *       declared split: the starting node does not see the holder alive and either the quorum is off or the
 *       holder's node is frozen (a frozen node ignores the split, orchestration.md section 7) (traced, not
 *       failed);</li>
 *   <li>(b) once faults stop, every target a node holds is reached (dropped) or blocked with a visible reason
 *       (a {@code … failed} state), and an ha failover object is up unless a reason shows (a failed state, a
 *       frozen node or instance of its scope);</li>
 *   <li>(c) every live node's view of every live peer is that peer's data, and every node left {@code rejoin};</li>
 *   <li>(d) nothing starts on a frozen node or a frozen instance.</li>
 * </ul>
 */
final class Checker {
    private final Simulation sim;
    /** Failover objects running twice after a declared split: reported, not failed, until one goes down. */
    private final Set<String> split = new TreeSet<>();
    int declaredSplits;

    Checker(Simulation sim) {
        this.sim = sim;
    }

    void beforeAction(SimNode n, String path, String action) {
        if (!Decision.Run.START.equals(action)) {
            return;
        }
        if (n.nodeFrozen) {
            sim.fail("(d) " + n.name + " starts " + path + " on a frozen node; target "
                    + n.insts.get(path).target.word());
        }
        if (n.frozenInstances.contains(path)) {
            sim.fail("(d) " + n.name + " starts " + path + " while the instance is frozen; target "
                    + n.insts.get(path).target.word());
        }
        ObjectFacts f = sim.facts(path);
        if (f.flex()) {
            return;
        }
        List<String> holders = sim.scope(f).stream().filter(o -> o != n && o.active(path)).map(o -> o.name)
                .toList();
        if (holders.isEmpty()) {
            split.remove(path);
            return;
        }
        if (split.contains(path)) {
            return;
        }
        boolean unseen = holders.stream().noneMatch(n::sees);
        boolean cut = holders.stream().noneMatch(h -> sim.side.get(h).equals(sim.side.get(n.name)));
        SimNode holder = sim.nodes.get(holders.get(0));
        // a frozen node ignores the split (orchestration.md section 7): freezing it declared its split
        boolean frozenHolder = holders.stream().allMatch(h -> sim.nodes.get(h).nodeFrozen);
        if ((unseen || cut) && (!sim.params().quorum() || frozenHolder)) {
            split.add(path);
            declaredSplits++;
            sim.trace("**", "declared split: " + n.name + " starts " + path + " while " + holders + " hold it, "
                    + (unseen ? "unseen" : "partitioned") + (sim.params().quorum()
                    ? " (quorum on, but the holder's node is frozen: it ignores the split)" : " (quorum off)"));
            return;
        }
        sim.fail("(a) " + n.name + " starts " + path + " while " + holders + " hold it"
                + (unseen ? ", unseen by " + n.name + " (quorum on: not a declared split)"
                : ", and " + n.name + " sees " + holders.stream().filter(n::sees).toList() + " alive")
                + "; target " + n.insts.get(path).target.word() + ", " + why(n, holder),
                // a start beside a holder seen alive is the core's own fault (D9, a stale view, is fixed)
                unseen ? KnownFailures.classify(sim, n, holder, path) : null);
    }

    /** How the starter came not to see the holder: what the diagnosis of an (a) failure needs first. */
    private String why(SimNode starter, SimNode holder) {
        if (!holder.up) {
            return "holder's daemon down, its resources running";
        }
        int a = sim.side.get(starter.name);
        int b = sim.side.get(holder.name);
        if (a != b) {
            long mine = sim.side.values().stream().filter(x -> x == a).count();
            String where = 2 * mine > sim.nodes.size() ? "majority" : "minority";
            return "partitioned, starter on the " + where + " side (" + mine + " of " + sim.nodes.size() + ")";
        }
        return "not partitioned (a false death: loss or delay)";
    }

    void afterEvent() {
        // (a) and (d) are checked at each start (see the class comment); nothing to do per event yet
    }

    void atEnd() {
        for (SimNode n : sim.nodes.values()) {
            if (!n.up) {
                sim.fail("(c) " + n.name + " is still down at the end of the quiet tail");
            }
            if (SimNode.REJOIN.equals(n.monitor)) {
                sim.fail("(c) " + n.name + " never left rejoin");
            }
            for (SimNode o : sim.nodes.values()) {
                if (o != n && !(n.sees(o.name) && n.peers.get(o.name).last.sameData(o.data()))) {
                    sim.fail("(c) " + n.name + "'s view of " + o.name + " did not converge: "
                            + (n.sees(o.name) ? n.peers.get(o.name).last + " vs " + o.data() : "sees it dead"));
                }
            }
        }
        for (ObjectFacts f : sim.params().objects()) {
            targets(f);
            if (!f.flex() && "ha".equals(f.orchestrate())) {
                haUp(f);
            }
        }
    }

    private void targets(ObjectFacts f) {
        for (SimNode n : sim.scope(f)) {
            SimNode.Inst i = n.insts.get(f.path());
            if (!i.target.none() && reason(f) == null) {
                sim.fail("(b) " + f.path() + ": target " + i.target.word() + " on " + n.name
                        + " neither reached nor blocked with a reason"
                        + (endedElsewhere(f, i.target) ? " (ended on another node)" : "") + "; states " + states(f));
            }
        }
    }

    private void haUp(ObjectFacts f) {
        long active = sim.scope(f).stream().filter(n -> n.active(f.path())).count();
        if (active == 0 && reason(f) == null) {
            sim.fail("(b) " + f.path() + " (failover ha) is down on every node with no visible reason; states "
                    + states(f));
        }
        if (active > 1) {
            sim.trace("**", f.path() + " still runs on " + active + " nodes after a declared split");
        }
    }

    /** Another node dropped this same target (its {@code none} keeps the target's time): it ended it there. */
    private boolean endedElsewhere(ObjectFacts f, GlobalExpect t) {
        return sim.scope(f).stream().map(n -> n.insts.get(f.path()).target)
                .anyMatch(o -> o.none() && t.updatedAt() != null && t.updatedAt().equals(o.updatedAt()));
    }

    /** What an operator would see as the reason a target or an ha object is held: null when nothing shows. */
    private String reason(ObjectFacts f) {
        if (split.contains(f.path()) && sim.scope(f).stream().filter(n -> n.active(f.path())).count() > 1) {
            return "runs on several nodes after a declared split (avail warn)";
        }
        for (SimNode n : sim.scope(f)) {
            SimNode.Inst i = n.insts.get(f.path());
            if (i.state.endsWith(" failed")) {
                return n.name + " " + i.state;
            }
            if (f.nodes().contains(n.name) && (n.nodeFrozen || n.frozenInstances.contains(f.path()))) {
                return n.name + " frozen";
            }
        }
        return null;
    }

    private String states(ObjectFacts f) {
        StringBuilder b = new StringBuilder();
        for (SimNode n : sim.scope(f)) {
            SimNode.Inst i = n.insts.get(f.path());
            b.append(n.name).append('=').append(n.apps.get(f.path())).append('/').append(i.state)
                    .append("/ge:").append(i.target.word()).append(n.nodeFrozen ? "/node frozen" : "")
                    .append(n.frozenInstances.contains(f.path()) ? "/frozen" : "").append(' ');
        }
        return b.toString().trim();
    }
}
