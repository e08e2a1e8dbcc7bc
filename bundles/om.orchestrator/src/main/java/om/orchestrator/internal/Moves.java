package om.orchestrator.internal;

import java.time.Instant;
import om.orchestrator.api.Decision;
import om.orchestrator.api.Decision.Run;
import om.orchestrator.api.InstanceView;
import om.orchestrator.api.NodeView;

/** The steps every target handler composes: thaw, freeze, stop, start (after {@code ready}), finish. */
final class Moves {
    static final String READY = "ready";
    static final String WAIT_NON_LEADER = "wait non-leader";
    static final String WAIT_PARENTS = "wait parents";
    static final String WAIT_CHILDREN = "wait children";
    /** A start held by a frozen node or instance: the target stays, the state tells the operator why. */
    static final String WAIT_THAW = "wait thaw";
    /** A failover start held on a node without the quorum (cluster.quorum on): the nodes it does not hear may run it. */
    static final String WAIT_QUORUM = "wait quorum";
    /** How often a start held in {@code wait quorum} looks again: the votes change without the object's data. */
    static final java.time.Duration QUORUM_RECHECK = java.time.Duration.ofSeconds(1);
    /** How often a ready period over looks again whether every peer has seen it (their acks need no data change). */
    static final java.time.Duration AWARE_RECHECK = java.time.Duration.ofMillis(200);

    private Moves() {
    }

    static void freeze(Step st, ObjectView v) {
        st.run(Run.FREEZE, "freezing", v.f.priority());
    }

    static void unfreeze(Step st, ObjectView v) {
        st.run(Run.UNFREEZE, "unfreezing", v.f.priority());
    }

    /**
     * Stop the local instance: the local expect goes {@code none} first, so nothing restarts it; the stop itself
     * waits ({@code wait children}) while a child object is up.
     */
    static void stop(Step st, ObjectView v) {
        st.localExpect("none");
        if (!v.childrenDown()) {
            st.state(WAIT_CHILDREN);
            return;
        }
        st.run(Run.STOP, "stopping", v.f.priority());
    }

    /**
     * Start at once (switch, takeover, giveback: no ready period), once every parent is up; but not from a young
     * view: a node that left {@code rejoin} less than {@code ready_period} ago may not have the peers' last moves
     * yet (a lost message, a peer's start in flight), and a move has no ready period to show its own start to
     * them before it runs (simulation D9, seed 527). Nor within {@code ready_period} of a death in the scope
     * ({@link ObjectView#deathsSettledAt()}): the dead node may be a split's minority still running it. It shows
     * {@code ready} until then.
     */
    static void start(Step st, ObjectView v) {
        if (frozenHere(st, v) || noQuorum(st, v)) {
            return;
        }
        Instant held = latest(v.viewMatureAt(), v.deathsSettledAt());
        if (held != null) {
            st.state(READY).recheck(held);
            return;
        }
        // the ready shown while the view matured must have reached the candidates too (simulation D9, seed 5836)
        if (heldForPeers(st, v)) {
            return;
        }
        if (!v.parentsUp()) {
            st.state(WAIT_PARENTS);
            return;
        }
        st.run(Run.START, "starting", v.f.priority());
    }

    /**
     * A leader's start: {@code ready} for {@code ready_period}, then {@code starting}. {@code takeover} is the
     * autonomous case, where a dead peer that ran the object is fenced first when {@code stonith = true}.
     */
    static void readyThenStart(Step st, ObjectView v, boolean takeover) {
        if (frozenHere(st, v) || noQuorum(st, v)) {
            // a ready period in progress is cancelled: it counts again from the thaw, or the quorum back
            return;
        }
        Instant now = v.s.now();
        // in wait parents the ready period is over: only the parents are waited for
        if (!WAIT_PARENTS.equals(st.state())) {
            if (!READY.equals(st.state())) {
                if (!v.f.readyPeriod().isZero()) {
                    st.state(READY).recheck(now.plus(v.f.readyPeriod()));
                    return;
                }
            } else {
                Instant since = v.me.monitor().stateUpdatedAt();
                Instant due = (since == null ? now : since).plus(v.f.readyPeriod());
                if (now.isBefore(due)) {
                    st.recheck(due);
                    return;
                }
            }
        }
        Instant settled = v.deathsSettledAt();
        if (settled != null && READY.equals(st.state())) {
            // a ready period begun before a death: the death gets its own
            st.recheck(settled);
            return;
        }
        if (heldForPeers(st, v)) {
            return;
        }
        if (!v.parentsUp()) {
            st.state(WAIT_PARENTS);
            return;
        }
        if (takeover && v.f.stonith()) {
            fence(st, v);
        }
        st.run(Run.START, "starting", v.f.priority());
    }

    /**
     * The live peers of the object's scope, holding an instance and not in maintenance, not known to have seen this
     * node {@code ready} ({@link om.orchestrator.api.Situation#behind}). A ready period shows the start to come so
     * that a better candidate does not elect itself meanwhile; one whose view of this node is older than the ready
     * state (its messages cut or lost: partitioned at boot, it saw this node in {@code rejoin}) would elect itself
     * as it leaves rejoin and start a second instance (simulation D9, seeds 1142, 1409). So the start waits until
     * each such peer has seen the ready state, or is lost.
     */
    static java.util.List<String> unaware(ObjectView v) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String n : v.s.behind()) {
            NodeView node = v.nodes.get(n);
            if (node != null && node.alive() && node.instance() != null && v.f.nodes().contains(n)
                    && !"maintenance".equals(node.monitor().state())) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * A failover start waits, showing {@code ready}, while a node of the scope this node never heard is not agreed
     * gone ({@link om.orchestrator.api.Situation#unheard}): the peers hold its data, it may run the object. A node
     * booted after a partition cut it from the holder adopted a giveback and started beside the holder's stop in
     * progress (simulation D5, seed 206).
     */
    private static boolean unheard(ObjectView v) {
        return v.s.unheard().stream().anyMatch(v.f.nodes()::contains);
    }

    /**
     * Both holds of a failover start on the peers ({@link #unaware}, {@link #unheard}): it shows {@code ready} and
     * looks again in {@link #AWARE_RECHECK}.
     */
    private static boolean heldForPeers(Step st, ObjectView v) {
        if (v.f.flex()) {
            return false;
        }
        boolean unaware = READY.equals(st.state()) && !unaware(v).isEmpty();
        if (!unaware && !unheard(v)) {
            return false;
        }
        st.state(READY).recheck(v.s.now().plus(AWARE_RECHECK));
        return true;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /**
     * Nothing starts on a frozen node or instance, whatever the target: the flag may have been set after the
     * target was accepted (a switch to a node frozen since), so every start checks it at the last moment
     * (simulation D1, seed 20). The start waits in {@code wait thaw}, which a thaw or an abort ends.
     */
    private static boolean frozenHere(Step st, ObjectView v) {
        if (v.myNode.frozen() || v.me.frozen()) {
            st.state(WAIT_THAW);
            return true;
        }
        return false;
    }

    /**
     * With {@code cluster.quorum} on, a node that is not part of a majority of the votes starts no failover
     * instance, whatever the target: the nodes it does not hear may run it. The split rule alone does not cover
     * it, since it applies when a peer is lost: a node that booted cut off never had its peers to lose, and once
     * thawed (by the operator, or by a giveback) it would start alone (simulation D4, seeds 267, 3479). The start
     * waits in {@code wait quorum} until the votes come back, or an abort.
     */
    private static boolean noQuorum(Step st, ObjectView v) {
        if (v.s.quorum() || v.f.flex()) {
            return false;
        }
        st.state(WAIT_QUORUM).recheck(v.s.now().plus(QUORUM_RECHECK));
        return true;
    }

    /** Each dead node of {@code nodes} whose last instance was up, and not fenced for that death yet. */
    private static void fence(Step st, ObjectView v) {
        v.nodes.forEach((n, node) -> {
            if (!node.alive() && node.diedAt() != null && v.f.nodes().contains(n) && ranThere(node)
                    && !node.diedAt().equals(v.s.fenced().get(n))) {
                st.add(new Decision.Fence(n, node.diedAt()));
            }
        });
    }

    private static boolean ranThere(NodeView node) {
        InstanceView i = node.instance();
        return i != null && i.active();
    }

    /** The target is reached: drop it (keeping its time), go idle, tell the waiters. */
    static void finish(Step st, ObjectView v) {
        if (!v.takenUpEverywhere(v.target)) {
            // reached here, but a peer has not taken the target up yet: its next data ends or resumes it
            st.settle();
            return;
        }
        st.target(v.target.ended()).settle();
        st.add(new Decision.End(Decision.End.DONE, v.target.word()));
    }
}
