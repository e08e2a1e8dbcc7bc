package om.orchestrator.internal.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import om.api.ObjectPath;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;
import om.api.daemon.ObjectStatus;
import om.api.node.NodeConfig;
import om.api.status.InstanceStatus;
import om.api.status.Status;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.InstanceView;
import om.orchestrator.api.MonitorView;
import om.orchestrator.api.NodeView;
import om.orchestrator.api.ObjectFacts;
import om.orchestrator.api.Situation;
import om.orchestrator.internal.quorum.Agreement;
import om.orchestrator.internal.quorum.QuorumWatch;

/**
 * Builds the decision core's {@link Situation} of an object from the cluster view, this node's own monitors and
 * the memory of the dead peers: a peer that leaves the view stays in the situation, dead, with what it last
 * reported and when it was found gone (failover and stonith need both). Owned by the orchestrator's lock.
 */
final class Situations {
    private final String self;
    private final ObjectStore store;
    /** The facts per object, with the config summary they were read for (a new summary: read again). */
    private final Map<String, Cached> facts = new HashMap<>();
    /** The peers last seen alive, with their last data. */
    private final Map<String, NodeData> lastSeen = new TreeMap<>();
    /** The peers that left the view, with when. */
    private final Map<String, Instant> deadSince = new TreeMap<>();
    /** The lost peers a majority agrees are dead ({@link Agreement}), with when it did: their {@code diedAt}. */
    private final Map<String, Instant> agreedAt = new TreeMap<>();
    /** The lost peers whose death waits for agreement, with the agreeing nodes last logged. */
    private final Map<String, Set<String>> waiting = new TreeMap<>();
    /** Whether this node has the quorum ({@link Situation#quorum}), as the last liveness pass found it. */
    private boolean quorum = true;
    /** {@link Situation#unheard}, as the last liveness pass found it. */
    private Set<String> unheard = Set.of();

    private record Cached(ObjectConfigSummary summary, Duration readyPeriod, ObjectFacts facts) {
    }

    /** Per object, our monitor state first seen published, and the generation of our data that carried it. */
    private final Map<String, Carried> carried = new HashMap<>();

    private record Carried(String state, Instant at, long gen) {
    }

    Situations(String self, ObjectStore store) {
        this.self = self;
        this.store = store;
    }

    /**
     * Compares the view's nodes with the last ones: the peers gone are lost from {@code now}, the ones back are
     * alive again; a lost peer is dead for orchestration while {@link Agreement} holds (always, quorum off).
     *
     * @return whether a peer died or came back, or the agreement on a death began or ended
     */
    boolean liveness(DaemonStatus view, Instant now, NodeConfig c, Consumer<String> log) {
        boolean changed = false;
        for (Map.Entry<String, NodeData> e : view.nodes().entrySet()) {
            if (!e.getKey().equals(self)) {
                lastSeen.put(e.getKey(), e.getValue());
                changed |= deadSince.remove(e.getKey()) != null;
                agreedAt.remove(e.getKey());
                waiting.remove(e.getKey());
            }
        }
        for (String n : lastSeen.keySet()) {
            if (!view.nodes().containsKey(n) && !deadSince.containsKey(n)) {
                deadSince.put(n, now);
                changed = true;
            }
        }
        for (String n : deadSince.keySet()) {
            // again at every pass: an agreement ends when it no longer holds (a peer that agreed found it again)
            Set<String> agreeing = Agreement.agreeing(view, self, n, c.clusterNodes());
            if (Agreement.agreed(c, view, self, agreeing)) {
                if (agreedAt.putIfAbsent(n, now) == null) {
                    if (waiting.remove(n) != null) {
                        log.accept(n + " is dead for orchestration: " + String.join(",", agreeing) + " agree");
                    }
                    changed = true;
                }
                continue;
            }
            changed |= agreedAt.remove(n) != null;
            if (!agreeing.equals(waiting.put(n, agreeing))) {
                log.accept(n + " is lost but not dead for orchestration until a majority of the votes agrees"
                        + " (quorum on): only " + String.join(",", agreeing) + " lost it; nothing is taken over"
                        + " from it meanwhile");
            }
        }
        // the members never heard since we started: gone for orchestration only once a majority agrees (their
        // data is held by no agreeing peer), like a lost peer (simulation D5)
        Set<String> u = new java.util.TreeSet<>();
        if (c.quorum()) {
            for (String n : c.clusterNodes()) {
                if (!n.equals(self) && !lastSeen.containsKey(n) && !view.nodes().containsKey(n)
                        && !Agreement.agreed(c, view, self, Agreement.agreeing(view, self, n, c.clusterNodes()))) {
                    u.add(n);
                }
            }
        }
        if (!u.equals(unheard)) {
            unheard = Set.copyOf(u);
            changed = true;
        }
        boolean q = quorum(view, c);
        if (q != quorum) {
            quorum = q;
            log.accept(q ? "quorum: failover instances may start here again"
                    : "no quorum (quorum on, this node and the peers that hear it are not a majority of the votes):"
                    + " no failover instance starts here meanwhile");
            changed = true;
        }
        return changed;
    }

    /**
     * This node, the peers that hear it and the reachable arbitrators are a majority, as the quorum watch counts
     * them: a peer that left in maintenance still votes. Always true with the quorum off.
     */
    private boolean quorum(DaemonStatus view, NodeConfig c) {
        if (!c.quorum()) {
            return true;
        }
        Set<String> votes = new java.util.TreeSet<>();
        votes.add(self);
        view.nodes().forEach((n, d) -> {
            if (c.clusterNodes().contains(n) && (QuorumWatch.hearsUs(view, n) || maintenance(d))) {
                votes.add(n);
            }
        });
        for (String n : deadSince.keySet()) {
            if (c.clusterNodes().contains(n) && maintenance(lastSeen.get(n))) {
                votes.add(n);
            }
        }
        return Agreement.agreed(c, view, self, votes);
    }

    private static boolean maintenance(NodeData d) {
        return d != null && d.monitor() != null && "maintenance".equals(d.monitor().state());
    }

    /** Forgets an object's cached facts (its config changed or went). */
    void forget(String path) {
        facts.remove(path);
        carried.remove(path);
    }

    /**
     * The object's facts, read from its config when the local config summary changed; empty when the object has no
     * config here (or it does not load: the evaluation reports that).
     */
    Optional<ObjectFacts> facts(String path, DaemonStatus view, Duration readyPeriod) {
        NodeData mine = view.nodes().get(self);
        ObjectConfigSummary summary = mine == null ? null : mine.configs().get(path);
        if (summary == null) {
            return Optional.empty();
        }
        Cached c = facts.get(path);
        if (c != null && c.summary().equals(summary) && c.readyPeriod().equals(readyPeriod)) {
            return Optional.of(c.facts());
        }
        try {
            Optional<ObjectConfig> cfg = store.load(ObjectPath.parse(path));
            if (cfg.isEmpty()) {
                return Optional.empty();
            }
            ObjectFacts f = ObjectFacts.of(cfg.get(), readyPeriod);
            facts.put(path, new Cached(summary, readyPeriod, f));
            return Optional.of(f);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The situation of {@code path}: every node of the view (this one with {@code own} as its monitor) and the dead
     * peers with their last data; null when this node holds no instance of it.
     */
    Situation of(ObjectFacts f, DaemonStatus view, OwnMonitor own, Instant now, Map<String, Instant> fenced) {
        return of(f, view, own, now, fenced, Map.of());
    }

    /**
     * The same, with {@code applied} ({@link om.api.cluster.ClusterView#applied}): per peer, the generation of our
     * data it last said it applied, which gives the situation's {@link Situation#behind}.
     */
    Situation of(ObjectFacts f, DaemonStatus view, OwnMonitor own, Instant now, Map<String, Instant> fenced,
                 Map<String, Long> applied) {
        String path = f.path();
        Map<String, NodeView> nodes = new TreeMap<>();
        for (Map.Entry<String, NodeData> e : view.nodes().entrySet()) {
            String n = e.getKey();
            NodeData d = e.getValue();
            if (n.equals(self)) {
                InstanceStatus st = d.instances().get(path);
                if (st == null) {
                    return null;
                }
                InstanceMonitor published = d.monitors().get(path);
                MonitorView m = own.view();
                carried(path, published, m, d);
                // the local expect has one owner, the instance's flag file: the view shows it
                String le = published == null ? m.localExpect() : published.localExpect();
                m = new MonitorView(m.state(), m.stateUpdatedAt(), le, m.globalExpect(), m.clearedAt());
                nodes.put(n, NodeView.of(d, InstanceView.of(st, null, null, null).withMonitor(m)));
            } else {
                nodes.put(n, NodeView.of(d, instance(d, path)));
            }
        }
        for (Map.Entry<String, Instant> e : deadSince.entrySet()) {
            NodeData d = lastSeen.get(e.getKey());
            if (d != null && !nodes.containsKey(e.getKey())) {
                NodeView last = NodeView.of(d, instance(d, path));
                // a peer beating again before its data is back is alive, with its last data until the new comes: a
                // takeover or a fence must not go ahead against a node that answers (found by the soak: a fence
                // 0.8 s after the peer was heard again)
                // and with the quorum on, a lost peer stays alive until a majority agrees it is dead: a node cut
                // from the others must not take over on its own view (simulation D4, D6)
                Instant agreed = agreedAt.get(e.getKey());
                nodes.put(e.getKey(), beating(view, e.getKey()) || agreed == null ? last : last.dead(agreed));
            }
        }
        Map<String, Status> related = new HashMap<>();
        for (String p : f.parents()) {
            related(view, p, related);
        }
        for (String p : f.children()) {
            related(view, p, related);
        }
        return new Situation(f, nodes, self, now, fenced, related, quorum, behind(path, view, own, applied),
                unheard);
    }

    /**
     * Our monitor state of {@code path} as the view first showed it published, with the generation of our data
     * then: the view's own data is the committed one, so that generation carries the state, or a later one does.
     */
    private void carried(String path, InstanceMonitor published, MonitorView m, NodeData mine) {
        if (published == null || !m.state().equals(published.state())
                || !java.util.Objects.equals(m.stateUpdatedAt(), published.stateUpdatedAt())) {
            return;
        }
        Carried c = carried.get(path);
        if (c == null || !c.state().equals(m.state()) || !java.util.Objects.equals(c.at(), m.stateUpdatedAt())) {
            carried.put(path, new Carried(m.state(), m.stateUpdatedAt(), mine.gen().getOrDefault(self, 0L)));
        }
    }

    /**
     * The peers of the view not known to have seen our current state of {@code path}: every one while the state is
     * not published yet, else those whose last word of our data is older than the generation that carried it.
     * A peer that never said (no word in {@code applied}) is not counted: nothing is known of it.
     */
    private Set<String> behind(String path, DaemonStatus view, OwnMonitor own, Map<String, Long> applied) {
        if (applied.isEmpty()) {
            return Set.of();
        }
        MonitorView m = own.view();
        Carried c = carried.get(path);
        boolean out = c != null && c.state().equals(m.state()) && java.util.Objects.equals(c.at(), m.stateUpdatedAt());
        Set<String> behind = new java.util.TreeSet<>();
        for (String n : view.nodes().keySet()) {
            Long g = applied.get(n);
            if (!n.equals(self) && g != null && (!out || g < c.gen())) {
                behind.add(n);
            }
        }
        return behind;
    }

    /** Whether a receiving heartbeat hears {@code node} now (the tx rows say what the peer hears of us). */
    static boolean beating(DaemonStatus view, String node) {
        return view.heartbeats().values().stream().anyMatch(h -> h.name().endsWith(".rx")
                && h.peers().containsKey(node) && h.peers().get(node).beating());
    }

    private static void related(DaemonStatus view, String path, Map<String, Status> out) {
        ObjectStatus o = view.objects().get(path);
        if (o != null) {
            out.put(path, o.avail());
        }
    }

    /** A node's instance of {@code path} as its data shows it, null when it holds none. */
    static InstanceView instance(NodeData d, String path) {
        InstanceStatus st = d.instances().get(path);
        if (st == null) {
            return null;
        }
        InstanceMonitor m = d.monitors().get(path);
        return InstanceView.of(st, m, m == null ? null : globalExpect(m), m == null ? null : m.clearedAt());
    }

    /** The target a published monitor carries. */
    static GlobalExpect globalExpect(InstanceMonitor m) {
        String word = m.globalExpect() == null ? GlobalExpect.NONE : m.globalExpect();
        if (word.startsWith(GlobalExpect.PLACED_AT)) {
            return new GlobalExpect(GlobalExpect.PLACED_AT, m.destination().isEmpty()
                    ? GlobalExpect.parse(word, null).destination() : m.destination(), m.globalExpectUpdatedAt());
        }
        try {
            return GlobalExpect.parse(word, m.globalExpectUpdatedAt());
        } catch (IllegalArgumentException e) {
            // a target this version does not know: none for it
            return new GlobalExpect(GlobalExpect.NONE, null, m.globalExpectUpdatedAt());
        }
    }
}
