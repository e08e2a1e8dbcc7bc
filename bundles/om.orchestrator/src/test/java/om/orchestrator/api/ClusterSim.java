package om.orchestrator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import om.api.daemon.NodeMonitor;
import om.api.status.Status;

/**
 * A cluster of nodes running the decision core in rounds of one second, for scenario tests. Each round every live
 * node decides from the same snapshot (as daemons deciding at once from the same replicated data), then the
 * plans are applied: states and expects at once, actions ending after {@code actionRounds} rounds with the
 * outcome the scenario chose ({@link #failStarts}). What the plans did is journaled: starts, stops, fences,
 * {@code OrchestrationEnd} events, and the most failover instances up at once.
 */
final class ClusterSim {
    final ObjectFacts facts;
    final Map<String, Node> nodes = new TreeMap<>();
    Instant now = Instant.parse("2026-12-01T10:00:00Z");
    int actionRounds = 1;
    final Set<String> failStarts = new HashSet<>();
    final List<String> journal = new ArrayList<>();
    int maxUp;
    /** Peers' data seen one round late (replication lag), the node's own data current. */
    boolean lagging;
    private Map<String, NodeView> previous;

    static final class Node {
        boolean alive = true;
        boolean nodeFrozen;
        Instant diedAt;
        Status avail = Status.DOWN;
        boolean frozen;
        String state = MonitorView.IDLE;
        Instant stateAt;
        String localExpect = "none";
        GlobalExpect target = GlobalExpect.UNSET;
        Instant clearedAt;
        final Map<String, Instant> fenced = new TreeMap<>();
        String running;
        int remaining;

        InstanceView instance() {
            return new InstanceView(avail, avail, frozen, "true", null,
                    new MonitorView(state, stateAt, localExpect, target, clearedAt));
        }
    }

    ClusterSim(ObjectFacts facts) {
        this.facts = facts;
        facts.nodes().forEach(n -> nodes.put(n, new Node()));
    }

    static ObjectFacts failover(String orchestrate, boolean stonith, String... nodes) {
        return new ObjectFacts("svc1", "failover", orchestrate, "nodes order", List.of(nodes), List.of(), 1,
                nodes.length, 1, 50, stonith, Duration.ofSeconds(3), false);
    }

    static ObjectFacts flex(int target, String... nodes) {
        return new ObjectFacts("svc1", "flex", "ha", "nodes order", List.of(nodes), List.of(), 1, nodes.length,
                target, 50, false, Duration.ofSeconds(3), false);
    }

    Node node(String n) {
        return nodes.get(n);
    }

    Map<String, NodeView> views() {
        Map<String, NodeView> out = new LinkedHashMap<>();
        nodes.forEach((n, x) -> out.put(n, new NodeView(x.alive, new NodeMonitor(NodeMonitor.IDLE, "none", null),
                x.nodeFrozen, null, x.instance(), x.diedAt)));
        return out;
    }

    Situation situation(String self) {
        Map<String, NodeView> v = views();
        if (lagging && previous != null) {
            Map<String, NodeView> late = new LinkedHashMap<>(previous);
            late.put(self, v.get(self));
            v = late;
        }
        return new Situation(facts, v, self, now, node(self).fenced);
    }

    /** A verb asked on {@code on}: refused with the core's line, or its target set there. */
    Optional<String> request(String on, String verb, GlobalExpect wanted) {
        Optional<String> refusal = Orchestrator.refusal(situation(on), verb, wanted);
        if (refusal.isEmpty()) {
            node(on).target = new GlobalExpect(wanted.value(), wanted.destination(), now);
        }
        return refusal;
    }

    /** {@code om <path> clear} asked on {@code on}. */
    void clear(String on) {
        apply(on, Orchestrator.clear(situation(on)));
    }

    /** A SIGKILL of the node's daemon: its apps die with it, its last data said they ran. */
    void kill(String n) {
        Node x = node(n);
        x.alive = false;
        x.diedAt = now;
        x.running = null;
    }

    void round() {
        Map<String, NodeView> before = views();
        Map<String, Plan> plans = new LinkedHashMap<>();
        nodes.forEach((n, x) -> {
            if (x.alive) {
                plans.put(n, Orchestrator.decide(situation(n)));
            }
        });
        plans.forEach(this::apply);
        nodes.forEach((n, x) -> {
            if (x.alive && x.running != null && --x.remaining <= 0) {
                finish(n, x);
            }
        });
        int up = (int) nodes.values().stream().filter(x -> x.alive && x.avail == Status.UP).count();
        maxUp = Math.max(maxUp, up);
        now = now.plusSeconds(1);
        previous = before;
    }

    void rounds(int count) {
        for (int i = 0; i < count; i++) {
            round();
        }
    }

    private void finish(String n, Node x) {
        String action = x.running;
        x.running = null;
        boolean ok = !(Decision.Run.START.equals(action) && failStarts.contains(n));
        if (ok) {
            switch (action) {
                case Decision.Run.START -> x.avail = Status.UP;
                case Decision.Run.STOP -> x.avail = Status.DOWN;
                case Decision.Run.FREEZE -> x.frozen = true;
                default -> x.frozen = false;
            }
        }
        apply(n, Orchestrator.afterAction(situation(n), new ActionResult(action, ok)));
    }

    private void apply(String n, Plan p) {
        Node x = node(n);
        for (Decision d : p.decisions()) {
            if (d instanceof Decision.Clear c) {
                x.clearedAt = c.at();
            } else if (d instanceof Decision.SetGlobalExpect g) {
                x.target = g.globalExpect();
            } else if (d instanceof Decision.SetState s) {
                x.state = s.state();
                x.stateAt = now;
            } else if (d instanceof Decision.SetLocalExpect l) {
                x.localExpect = l.localExpect();
            } else if (d instanceof Decision.ThawNode) {
                x.nodeFrozen = false;
            } else if (d instanceof Decision.Fence f) {
                x.fenced.put(f.node(), f.diedAt());
                journal.add(n + " fence " + f.node());
            } else if (d instanceof Decision.Run r) {
                if (x.running != null) {
                    throw new AssertionError(n + ": " + r.action() + " planned while " + x.running + " runs");
                }
                x.running = r.action();
                x.remaining = actionRounds;
                journal.add(n + " " + r.action());
            } else if (d instanceof Decision.End e) {
                journal.add(n + " end " + e.result() + (e.target().isEmpty() ? "" : " " + e.target()));
            }
        }
    }

    /** The journal lines matching {@code prefix}, e.g. {@code "n1 start"}. */
    long count(String line) {
        return journal.stream().filter(line::equals).count();
    }

    List<String> up() {
        return nodes.entrySet().stream().filter(e -> e.getValue().alive && e.getValue().avail == Status.UP)
                .map(Map.Entry::getKey).toList();
    }

    boolean targetsDropped() {
        return nodes.values().stream().filter(x -> x.alive).allMatch(x -> x.target.none());
    }
}
