package om.simulation;

import java.util.ArrayList;
import java.util.List;
import om.orchestrator.api.GlobalExpect;
import om.orchestrator.api.ObjectFacts;
import om.orchestrator.api.Orchestrator;

/**
 * The faults and the operator: until the quiet tail, at random times, one of a partition or its heal, a node crash,
 * a graceful daemon restart (the resources keep running), a clock jump, a node freeze or thaw, a verb or a
 * {@code clear} on some node. Message loss, delay and duplication are the network's own ({@link Simulation}).
 */
final class Chaos {
    private static final String[] VERBS = {"start", "stop", "switch", "takeover", "giveback", "freeze", "thaw",
            "abort"};
    private final Simulation sim;

    Chaos(Simulation sim) {
        this.sim = sim;
    }

    /** Virtual milliseconds to the next strike. */
    long next() {
        return 1 + sim.random.nextLong(2 * sim.params().faultEvery().toMillis());
    }

    void strike() {
        List<SimNode> up = sim.nodes.values().stream().filter(n -> n.up).toList();
        if (up.isEmpty()) {
            return;
        }
        SimNode n = up.get(sim.random.nextInt(up.size()));
        int dice = sim.random.nextInt(100);
        if (dice < 8) {
            partition();
        } else if (dice < 16) {
            healPartition();
        } else if (dice < 22) {
            sim.trace(n.name, "node crash");
            sim.crash(n);
        } else if (dice < 28 && !n.busy()) {
            restartDaemon(n);
        } else if (dice < 33) {
            long jump = (sim.random.nextBoolean() ? 1 : -1) * (1000 + sim.random.nextLong(60_000));
            n.clockOffset += jump;
            sim.trace(n.name, String.format("clock jumps %+.1fs", jump / 1000.0));
        } else if (dice < 38) {
            n.nodeFrozen = !n.nodeFrozen;
            sim.trace(n.name, n.nodeFrozen ? "node freeze" : "node thaw");
            n.dirtyAll();
            sim.changed(n);
        } else if (dice < 42) {
            ObjectFacts f = object(n);
            if (f == null) {
                return;
            }
            sim.trace(n.name, f.path() + " clear");
            n.apply(f.path(), Orchestrator.clear(n.situation(f)));
            n.insts.get(f.path()).dirty = true;
            sim.evaluateSoon(n);
        } else if (dice < 60) {
            ObjectFacts f = object(n);
            if (f != null) {
                verb(n, f);
            }
        }
    }

    /** One of the objects {@code n} holds an instance of, null when none. */
    private ObjectFacts object(SimNode n) {
        return n.mine.isEmpty() ? null : n.mine.get(sim.random.nextInt(n.mine.size()));
    }

    /** An operator's verb on {@code n}: refused with the core's reason, or its target set there. */
    void verb(SimNode n, ObjectFacts f) {
        String verb = VERBS[sim.random.nextInt(VERBS.length)];
        List<String> scope = f.nodes();
        String word = switch (verb) {
            case "start" -> "started";
            case "stop" -> "stopped";
            case "switch" -> "placed@" + scope.get(sim.random.nextInt(scope.size()));
            case "takeover" -> "placed@" + n.name;
            case "giveback" -> "placed";
            case "freeze" -> "frozen";
            case "thaw" -> "unfrozen";
            default -> "aborted";
        };
        GlobalExpect wanted = GlobalExpect.parse(word, null);
        var refusal = Orchestrator.refusal(n.situation(f), verb, wanted);
        sim.trace(n.name, f.path() + " " + verb + ": " + refusal.orElse("accepted"));
        if (refusal.isEmpty()) {
            SimNode.Inst i = n.insts.get(f.path());
            i.target = new GlobalExpect(wanted.value(), wanted.destination(), n.now());
            i.dirty = true;
            sim.changed(n);
            sim.evaluateSoon(n);
        }
    }

    private void partition() {
        List<String> names = new ArrayList<>(sim.nodes.keySet());
        int cut = 1 + sim.random.nextInt(names.size() - 1);
        java.util.Collections.shuffle(names, new java.util.Random(sim.random.nextLong()));
        for (int k = 0; k < names.size(); k++) {
            sim.side.put(names.get(k), k < cut ? 1 : 2);
        }
        sim.trace("net", "partition " + names.subList(0, cut) + " | " + names.subList(cut, names.size()));
    }

    private void healPartition() {
        if (sim.side.values().stream().anyMatch(s -> s != 0)) {
            sim.side.replaceAll((k, v) -> 0);
            sim.trace("net", "heal");
        }
    }

    /** {@code systemctl restart om}: maintenance announced, so peers keep the data; resources untouched. */
    private void restartDaemon(SimNode n) {
        n.monitor = SimNode.MAINTENANCE;
        sim.changed(n);
        n.up = false;
        sim.trace(n.name, "daemon stops (maintenance)");
        sim.at(sim.time() + 500 + sim.random.nextLong(5000), new Simulation.Restart(n));
    }

    /** The quiet tail begins: the network heals, every node that is down starts. */
    void heal() {
        sim.side.replaceAll((k, v) -> 0);
        sim.trace("net", "quiet: heal, no loss, no failing action from now on");
        for (SimNode n : sim.nodes.values()) {
            if (!n.up) {
                sim.at(sim.time(), new Simulation.Restart(n));
            }
        }
    }
}
