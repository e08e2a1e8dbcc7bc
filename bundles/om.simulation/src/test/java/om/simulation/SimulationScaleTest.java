package om.simulation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/**
 * The scale run ({@code bench/sim-scale.sh}): {@code -Dsim.scale=32x1000} nodes x failover ha objects, each on 3
 * nodes, a calm network with a few faults, then the quiet tail. Prints messages per second (virtual and wall) and
 * the convergence time (the last data change after the quiet tail began). Skipped without the property.
 */
class SimulationScaleTest {
    @Test
    void scale() {
        String spec = System.getProperty("sim.scale");
        assumeTrue(spec != null && !spec.isBlank(), "-Dsim.scale=NODESxOBJECTS runs the scale run");
        String[] nm = spec.trim().split("x");
        int nodes = Integer.parseInt(nm[0]);
        int objects = Integer.parseInt(nm[1]);
        long seed = Long.getLong("seed", 1L);
        Simulation s = new Simulation(Params.scale(seed, nodes, objects), false, Runs.daemonWireByDefault());
        long[] allUpAt = {-1};
        s.onBeat = () -> {
            if (allUpAt[0] < 0 && s.params().objects().stream()
                    .allMatch(f -> s.scope(f).stream().anyMatch(n -> n.active(f.path())))) {
                allUpAt[0] = s.time();
            }
        };
        s.stopOnViolation = false;
        long t0 = System.nanoTime();
        s.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double virtual = s.time() / 1000.0;
        long up = s.params().objects().stream().filter(f -> s.scope(f).stream().anyMatch(n -> n.active(f.path())))
                .count();
        System.out.printf("sim-scale: %d nodes x %d objects, seed %d, %s%n", nodes, objects, seed,
                s.daemonWire ? "daemon wire (full/patch JSON)" : "snapshots");
        System.out.printf("  virtual time %.1f s in %.1f s wall%n", virtual, wall);
        System.out.printf("  messages %d: %.0f/s virtual, %.0f/s wall%n", s.messages, s.messages / virtual,
                s.messages / wall);
        System.out.printf("  objects up at the end: %d of %d%n", up, objects);
        System.out.println(allUpAt[0] < 0 ? "  every object up at once: never (see the violations and reasons)"
                : String.format("  every object up first at %.1f s virtual (from a cold start of every node)",
                allUpAt[0] / 1000.0));
        long after = s.lastChange - s.quietAt();
        System.out.printf(after >= 0 ? "  convergence: last data change %.1f s after the faults stopped%n"
                : "  convergence: no data change after the faults stopped (last %.1f s before)%n",
                Math.abs(after) / 1000.0);
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        s.violations.forEach(v -> kinds.merge(v.known == null ? "new" : v.known, 1L, Long::sum));
        System.out.println("  violations: " + (kinds.isEmpty() ? "none" : kinds + ", first: "
                + s.violations.get(0).getMessage()));
    }
}
