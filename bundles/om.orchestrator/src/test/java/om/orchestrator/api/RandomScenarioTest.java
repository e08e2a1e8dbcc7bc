package om.orchestrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import om.api.status.Status;
import org.junit.jupiter.api.Test;

/**
 * Random histories of one failover ha object on 3 nodes (fixed seeds, so a failure replays): deaths and
 * rejoins, verbs from any node, starts that fail, clears, with peers' data current or one round late. However
 * it goes, no two instances are ever up at once, no action is planned while another runs (the simulator throws),
 * and once the cluster is healed, an abort, a clear and a start bring the object up on one node with every
 * target dropped.
 */
class RandomScenarioTest {
    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @Test
    void neverTwoInstancesUpAndAlwaysRecoverable() {
        for (int seed = 1; seed <= 300; seed++) {
            Random r = new Random(seed);
            ClusterSim c = new ClusterSim(ClusterSim.failover("ha", r.nextBoolean(), "n1", "n2", "n3"));
            c.lagging = r.nextBoolean();
            c.actionRounds = 1 + r.nextInt(3);
            List<String> history = new ArrayList<>();
            for (int round = 0; round < 80; round++) {
                String event = event(c, r);
                if (event != null) {
                    history.add(round + ": " + event);
                }
                c.round();
                assertTrue(c.maxUp <= 1, "seed " + seed + ": two instances up after " + history);
            }
            heal(c);
            String on = alive(c).get(0);
            c.request(on, "abort", GlobalExpect.parse("aborted", null));
            c.rounds(8);
            c.clear(on);
            c.request(on, "start", GlobalExpect.parse("started", null));
            c.rounds(30);
            assertEquals(1, c.up().size(), "seed " + seed + ": not up on one node after " + history);
            assertTrue(c.targetsDropped(), "seed " + seed + ": a target stays after " + history);
            assertTrue(c.maxUp <= 1, "seed " + seed);
        }
    }

    private static String event(ClusterSim c, Random r) {
        int dice = r.nextInt(100);
        String n = NODES.get(r.nextInt(NODES.size()));
        ClusterSim.Node x = c.node(n);
        if (dice < 4 && x.alive && alive(c).size() > 1) {
            c.kill(n);
            return "kill " + n;
        }
        if (dice < 10 && !x.alive) {
            rejoin(x);
            return "rejoin " + n;
        }
        if (dice < 14) {
            boolean fail = c.failStarts.add(n) || !c.failStarts.remove(n);
            return (fail ? "fail starts on " : "fixed starts on ") + n;
        }
        if (dice < 16 && x.alive) {
            c.clear(n);
            return "clear on " + n;
        }
        if (dice < 24 && x.alive) {
            String[] verbs = {"start", "stop", "switch", "takeover", "giveback", "freeze", "thaw", "abort"};
            String verb = verbs[r.nextInt(verbs.length)];
            String word = switch (verb) {
                case "start" -> "started";
                case "stop" -> "stopped";
                case "switch" -> "placed@" + NODES.get(r.nextInt(NODES.size()));
                case "takeover" -> "placed@" + n;
                case "giveback" -> "placed";
                case "freeze" -> "frozen";
                case "thaw" -> "unfrozen";
                default -> "aborted";
            };
            return verb + " on " + n + ": " + c.request(n, verb, GlobalExpect.parse(word, null)).orElse("accepted");
        }
        return null;
    }

    /** A restarted daemon: its apps died with the old one, its monitor starts over. */
    private static void rejoin(ClusterSim.Node x) {
        x.alive = true;
        x.diedAt = null;
        x.avail = Status.DOWN;
        x.state = "init";
        x.target = GlobalExpect.UNSET;
        x.running = null;
    }

    private static void heal(ClusterSim c) {
        c.failStarts.clear();
        for (String n : NODES) {
            if (!c.node(n).alive) {
                rejoin(c.node(n));
            }
        }
        c.rounds(3);
    }

    private static List<String> alive(ClusterSim c) {
        return NODES.stream().filter(n -> c.node(n).alive).toList();
    }
}
