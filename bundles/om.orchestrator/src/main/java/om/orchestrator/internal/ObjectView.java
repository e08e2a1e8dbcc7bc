package om.orchestrator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import om.api.status.Status;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.InstanceView;
import om.orchestrator.api.MonitorView;
import om.orchestrator.api.NodeView;
import om.orchestrator.api.ObjectFacts;
import om.orchestrator.api.Placement;
import om.orchestrator.api.Situation;

/**
 * One object as the deciding node sees it: the live instances, the leaders, the target in force (the most
 * recently set one among the live instances, or one ended here that another still pursues) and the last
 * {@code clear}. Every question the target handlers ask of the cluster is answered here, from the same data on
 * every node.
 */
final class ObjectView {
    final Situation s;
    /** The nodes of the situation, failures reset by the last {@code clear} shown idle. */
    final Map<String, NodeView> nodes;
    final ObjectFacts f;
    final String self;
    final NodeView myNode;
    final InstanceView me;
    /** Live nodes holding an instance, by name. */
    final Map<String, InstanceView> live = new LinkedHashMap<>();
    final List<String> leaders;
    final GlobalExpect target;
    final Instant lastClear;

    ObjectView(Situation s) {
        this.s = s;
        this.f = s.object();
        this.self = s.self();
        this.myNode = s.selfNode();
        Instant clear = null;
        for (NodeView v : s.nodes().values()) {
            Instant c = v.alive() && v.instance() != null ? v.instance().monitor().clearedAt() : null;
            if (c != null && (clear == null || c.isAfter(clear))) {
                clear = c;
            }
        }
        this.lastClear = clear;
        this.nodes = cleared(s.nodes(), clear);
        this.me = nodes.get(self).instance();
        GlobalExpect t = me.monitor().globalExpect();
        for (Map.Entry<String, NodeView> e : nodes.entrySet()) {
            InstanceView i = e.getValue().instance();
            if (e.getValue().alive() && i != null) {
                live.put(e.getKey(), i);
                // strictly newer only: the own target wins a tie, so a node never flips between equal ones
                if (i.monitor().globalExpect().newerThan(t)) {
                    t = i.monitor().globalExpect();
                }
            }
        }
        this.leaders = Placement.leaders(f, nodes);
        this.target = resumed(t);
    }

    /**
     * {@code newest}, or the target it ended when another live instance still pursues that one and it is not
     * reached on this view. A node ends a target on its own view (reached while, say, a better leader was dead);
     * its {@code none} keeps the target's time and so ties with it, and without this the nodes still holding it
     * would wait forever for a node that considers the work done (simulation D8, seed 145). Resuming only while
     * not reached means a target ends at the latest when every node's view shows it reached, and no node ends
     * a target twice from the same data. A disabled object ends every target at once: resuming there would
     * end it again at each evaluation.
     */
    private GlobalExpect resumed(GlobalExpect newest) {
        if (!newest.none() || newest.updatedAt() == null || f.disable()) {
            return newest;
        }
        for (InstanceView i : live.values()) {
            GlobalExpect g = i.monitor().globalExpect();
            if (!g.none() && !GlobalExpect.ABORTED.equals(g.value()) && newest.updatedAt().equals(g.updatedAt())
                    && !Targets.reached(this, g)) {
                return g;
            }
        }
        return newest;
    }

    /**
     * The nodes with the failures a {@code clear} reset shown {@code idle}: an instance whose node has not applied
     * the clear yet is already a candidate again, so every node elects the same leader as soon as it sees it.
     */
    private static Map<String, NodeView> cleared(Map<String, NodeView> in, Instant clear) {
        if (clear == null) {
            return in;
        }
        Map<String, NodeView> out = new TreeMap<>();
        in.forEach((n, v) -> {
            InstanceView i = v.instance();
            MonitorView m = i == null ? null : i.monitor();
            if (m != null && m.failed() && (m.stateUpdatedAt() == null || !m.stateUpdatedAt().isAfter(clear))) {
                MonitorView idle = new MonitorView(MonitorView.IDLE, m.stateUpdatedAt(), m.localExpect(),
                        m.globalExpect(), clear);
                v = new NodeView(v.alive(), v.monitor(), v.frozen(), v.stats(), i.withMonitor(idle), v.diedAt());
            }
            out.put(n, v);
        });
        return out;
    }

    /**
     * When this node's view of its peers is {@code ready_period} old, counted from the node monitor's last change
     * (the end of its {@code rejoin}, mostly); null when it is already, or when the clock went back past that
     * change (no way to tell: not held).
     */
    Instant viewMatureAt() {
        Instant since = myNode.monitor().stateUpdatedAt();
        if (since == null || since.isAfter(s.now())) {
            return null;
        }
        Instant at = since.plus(f.readyPeriod());
        return s.now().isBefore(at) ? at : null;
    }

    /**
     * When the last death of a node of {@code nodes} is {@code ready_period} old, null when none is that recent
     * (or the clock went back past it: not held). A node seen dead may be the minority side of a split, still
     * running the object until its split action, a third of {@code ready_period} after it lost the quorum: no
     * start happens before that (simulation D3, seed 381).
     */
    Instant deathsSettledAt() {
        Instant out = null;
        for (String n : f.nodes()) {
            NodeView v = nodes.get(n);
            Instant died = v == null || v.alive() ? null : v.diedAt();
            if (died == null || died.isAfter(s.now())) {
                continue;
            }
            Instant at = died.plus(f.readyPeriod());
            if (s.now().isBefore(at) && (out == null || at.isAfter(out))) {
                out = at;
            }
        }
        return out;
    }

    /** Every parent object is up ({@code wait parents} otherwise). */
    boolean parentsUp() {
        return f.parents().stream().allMatch(p -> s.related().get(p) == Status.UP);
    }

    /** No child object is up or partly up ({@code wait children} otherwise). */
    boolean childrenDown() {
        return f.children().stream().map(s.related()::get).noneMatch(a -> a == Status.UP || a == Status.WARN);
    }

    int upCount() {
        return (int) live.values().stream().filter(InstanceView::up).count();
    }

    /** The object avail over the live instances (status.md section 4). */
    Status avail() {
        List<Status> st = live.values().stream().map(InstanceView::avail)
                .filter(a -> a != Status.NA && a != Status.UNDEF).toList();
        if (st.isEmpty()) {
            return Status.NA;
        }
        if (st.contains(Status.WARN)) {
            return Status.WARN;
        }
        int up = upCount();
        if (up == 0) {
            return Status.DOWN;
        }
        if (f.flex()) {
            return up >= f.flexMin() && up <= f.flexMax() ? Status.UP : Status.WARN;
        }
        return up == 1 ? Status.UP : Status.WARN;
    }

    /** The object is started: failover, its avail is up; flex, at least {@code flex_target} instances are up. */
    boolean started() {
        return f.flex() ? upCount() >= Math.max(1, f.flexTarget()) : avail() == Status.UP;
    }

    /**
     * Every live instance but this one shows target {@code t} or a newer one: each peer has taken it up, so what
     * its data says (frozen, up) it says under this target, not under an older one it still pursued. Without this,
     * a target reached on a view missing a peer's reaction to a concurrent request ended before that peer saw it,
     * and the peer, finding only the ended {@code none}, kept the effect of its own older target: a stop's freeze
     * under a start that thaws everything (soak seed 30, R9: up on n2, frozen on n1).
     */
    boolean takenUpEverywhere(GlobalExpect t) {
        if (t.updatedAt() == null) {
            return true;
        }
        for (Map.Entry<String, InstanceView> e : live.entrySet()) {
            Instant at = e.getValue().monitor().globalExpect().updatedAt();
            if (!e.getKey().equals(self) && (at == null || at.isBefore(t.updatedAt()))) {
                return false;
            }
        }
        return true;
    }

    boolean anyActive() {
        return live.values().stream().anyMatch(InstanceView::active);
    }

    boolean anyFrozen() {
        return live.values().stream().anyMatch(InstanceView::frozen);
    }

    /** A live node of {@code nodes} is frozen. */
    boolean anyScopeNodeFrozen() {
        return f.nodes().stream().map(nodes::get).anyMatch(v -> v != null && v.alive() && v.frozen());
    }

    /** Every live node of {@code nodes} reported its instance: auto-start waits for that. */
    boolean peersKnown() {
        return f.nodes().stream().map(nodes::get).allMatch(v -> v == null || !v.alive() || v.instance() != null);
    }

    /**
     * A step of this orchestration failed somewhere: a {@code … failed} state entered since the target was set
     * and after the last {@code clear}. A failure older than the target does not block it (that instance is just
     * not a candidate).
     */
    boolean blocked() {
        for (InstanceView i : live.values()) {
            Instant at = i.monitor().stateUpdatedAt();
            if (!i.monitor().failed() || at == null) {
                continue;
            }
            boolean sinceTarget = target.updatedAt() == null || !at.isBefore(target.updatedAt());
            boolean afterClear = lastClear == null || at.isAfter(lastClear);
            if (sinceTarget && afterClear) {
                return true;
            }
        }
        return false;
    }

    /**
     * Another instance than those of {@code mine} is up or partly up, or moving ({@code ready}, {@code wait
     * parents}, {@code starting}, {@code stopping}...): a failover instance must not start then.
     */
    boolean othersActiveOrBusy(Collection<String> mine) {
        for (Map.Entry<String, InstanceView> e : live.entrySet()) {
            if (mine.contains(e.getKey())) {
                continue;
            }
            InstanceView i = e.getValue();
            String state = i.monitor().state();
            if (i.active() || i.monitor().inProgress() || "ready".equals(state) || "wait parents".equals(state)) {
                return true;
            }
        }
        return false;
    }

    /** Every live instance frozen and not up: {@code stop} is done. */
    boolean allFrozenAndDown() {
        return live.values().stream().allMatch(i -> i.frozen() && !i.active());
    }

    boolean allFrozen() {
        return live.values().stream().allMatch(InstanceView::frozen);
    }

    /** The instances of {@code on} are all live and up, the others not up, none frozen. */
    boolean placedOn(Collection<String> on) {
        if (on.isEmpty() || anyFrozen()) {
            return false;
        }
        for (String n : on) {
            InstanceView i = live.get(n);
            if (i == null || !i.up()) {
                return false;
            }
        }
        return live.entrySet().stream().noneMatch(e -> !on.contains(e.getKey()) && e.getValue().active());
    }

    /**
     * Flex scale-down: which up non-leaders stop so that {@code flex_target} remain, the least wanted first
     * (non-candidates, then candidates from the lowest rank).
     */
    Set<String> excess() {
        int extra = upCount() - f.flexTarget();
        // the frozen ones stay up: the others make up the excess
        List<String> ranked = Placement.ranked(f, nodes);
        List<String> upNonLeaders = new ArrayList<>();
        live.forEach((n, i) -> {
            // a frozen instance or node never stops by itself: counting it would leave the excess running
            if (i.up() && !leaders.contains(n) && !i.frozen() && !nodes.get(n).frozen()) {
                upNonLeaders.add(n);
            }
        });
        // non-candidates (index -1) first, then the lowest ranked
        upNonLeaders.sort(java.util.Comparator.comparingInt((String n) -> ranked.indexOf(n) < 0
                ? Integer.MIN_VALUE : -ranked.indexOf(n)));
        return Set.copyOf(upNonLeaders.subList(0, Math.max(0, Math.min(extra, upNonLeaders.size()))));
    }
}
