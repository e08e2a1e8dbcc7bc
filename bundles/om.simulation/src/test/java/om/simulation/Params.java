package om.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import om.orchestrator.api.ObjectFacts;

/**
 * The shape of one run, drawn from its seed before anything else, so a seed names the whole run: the cluster, its
 * objects, how hostile the network is, and how long the faults last before the quiet tail.
 *
 * @param quorum      {@code cluster.quorum}: off, a partition is a declared split (both sides may start)
 * @param loss        probability that one message is lost while faults run
 * @param dup         probability that one message is delivered twice
 * @param spike       probability that one message is delayed up to {@code maxDelay} (reordering)
 * @param faultEvery  mean virtual time between two faults or verbs
 * @param faultsFor   the faulty part of the run; the quiet tail follows
 * @param tail        the quiet tail: every partition healed, no loss, every node up, no action fails
 * @param failRate    probability that a start or stop fails while faults run
 */
record Params(long seed, List<String> nodes, List<ObjectFacts> objects, Duration readyPeriod, boolean quorum,
              double loss, double dup,
              double spike, Duration maxDelay, Duration interval, Duration timeout, Duration faultEvery,
              Duration faultsFor, Duration tail, double failRate, Duration maxAction) {


    /** A small cluster: what most seeds run. */
    static Params draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 2 + r.nextInt(4);
        List<String> nodes = names(n);
        int count = 1 + r.nextInt(3);
        // node.ready_period is a node setting: the split action waits a third of it, every object all of it
        Duration ready = Duration.ofSeconds(1 + r.nextInt(6));
        List<ObjectFacts> objects = new ArrayList<>();
        // stonith from a generator of its own: the rest of a seed's draw stays what it was before stonith came
        SplittableRandom fencing = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
        for (int i = 1; i <= count; i++) {
            objects.add(object("svc" + i, r, nodes, ready, fencing.nextBoolean()));
        }
        return new Params(seed, nodes, objects, ready, r.nextBoolean(), r.nextDouble() * 0.3, r.nextDouble() * 0.1,
                r.nextDouble() * 0.1, Duration.ofMillis(500 + r.nextInt(4000)), Duration.ofSeconds(1),
                Duration.ofSeconds(5), Duration.ofMillis(1000 + r.nextInt(4000)), Duration.ofSeconds(60),
                Duration.ofSeconds(90), r.nextDouble() * 0.3, Duration.ofMillis(200 + r.nextInt(8000)));
    }

    /** The scale run: {@code n} nodes and {@code count} failover ha objects, a calm network, few faults. */
    static Params scale(long seed, int n, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> nodes = names(n);
        List<ObjectFacts> objects = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            // each object on a rotating window of 3 nodes, like a real cluster spreads its services
            List<String> scope = List.of(nodes.get(i % n), nodes.get((i + 1) % n), nodes.get((i + 2) % n));
            objects.add(new ObjectFacts("svc" + i, ObjectFacts.FAILOVER, "ha", "nodes order", scope, List.of(), 1,
                    1, 1, 50, false, Duration.ofSeconds(5), false));
        }
        return new Params(seed, nodes, objects, Duration.ofSeconds(5), true, 0.01, 0.0, 0.01, Duration.ofMillis(500),
                Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(40),
                Duration.ofSeconds(60), 0.0, Duration.ofMillis(2000));
    }

    private static List<String> names(int n) {
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            nodes.add("n" + i);
        }
        return nodes;
    }

    /** One object; {@code stonith} applies to a failover object (a dead peer that ran it is fenced first). */
    private static ObjectFacts object(String path, SplittableRandom r, List<String> nodes, Duration ready,
                                      boolean stonith) {
        // mostly failover ha (the one with a safety promise), some flex and orchestrate=start/no for variety
        int kind = r.nextInt(10);
        String orchestrate = kind < 7 ? "ha" : kind < 9 ? "start" : "no";
        boolean flex = r.nextInt(5) == 0;
        List<String> scope = new ArrayList<>(nodes);
        // a random order of the nodes: placement "nodes order" then elects different leaders per object
        for (int i = scope.size() - 1; i > 0; i--) {
            java.util.Collections.swap(scope, i, r.nextInt(i + 1));
        }
        if (flex) {
            int target = 1 + r.nextInt(nodes.size());
            return new ObjectFacts(path, ObjectFacts.FLEX, orchestrate, "nodes order", scope, List.of(), 1,
                    nodes.size(), target, 50, false, ready, false);
        }
        return new ObjectFacts(path, ObjectFacts.FAILOVER, orchestrate, "nodes order", scope, List.of(), 1, 1, 1,
                50, stonith, ready, false);
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        b.append("nodes ").append(nodes).append(", ready_period ").append(readyPeriod.toSeconds())
                .append("s, quorum ").append(quorum ? "on" : "off")
                .append(String.format(", loss %.2f, dup %.2f, spike %.2f up to %s, start/stop failing %.2f",
                        loss, dup, spike, maxDelay, failRate));
        for (ObjectFacts o : objects) {
            b.append("\n  ").append(o.path()).append(": ").append(o.topology()).append(' ').append(o.orchestrate())
                    .append(" nodes ").append(o.nodes()).append(o.flex() ? " flex_target " + o.flexTarget() : "")
                    .append(o.stonith() ? " stonith" : "");
        }
        return b.toString();
    }
}
