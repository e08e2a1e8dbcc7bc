package om.simulation;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation over many seeds ({@code -Dsim.seeds=N}, default {@link #DEFAULT_SEEDS}), or one
 * ({@code -Dseed=S}, which prints its trace and fails on any violation, known or not). A new failure prints the
 * run's parameters, its trace with virtual times and the command that replays it; failures of a
 * {@link KnownFailures} kind are counted and printed, not failed.
 */
class SimulationTest {
    static final int DEFAULT_SEEDS = 10_000;
    static final int DEFAULT_WIRE_SEEDS = 100;

    @Test
    void seeds() {
        String one = System.getProperty("seed");
        if (one != null && !one.isBlank()) {
            long seed = Long.parseLong(one.trim());
            System.out.println(Runs.report(seed, Brain.REAL));
            Runs.Outcome o = Runs.run(seed, Brain.REAL);
            if (!o.passed()) {
                fail("seed " + seed + ": " + o.message());
            }
            return;
        }
        many(Integer.getInteger("sim.seeds", DEFAULT_SEEDS), Runs.daemonWireByDefault());
    }

    /**
     * Fewer seeds with the heartbeats through the daemon's real dataset exchange (full, patch, ping, gaps asking
     * for a full): about 20 times slower than the snapshots ({@code -Dsim.wire.seeds=N}, 0 to skip).
     */
    @Test
    void daemonWireSeeds() {
        if (System.getProperty("seed") == null) {
            many(Integer.getInteger("sim.wire.seeds", DEFAULT_WIRE_SEEDS), true);
        }
    }

    private static void many(int count, boolean daemonWire) {
        long t0 = System.nanoTime();
        List<Long> failed = new ArrayList<>();
        Map<String, List<Long>> known = new TreeMap<>();
        for (long seed = 1; seed <= count; seed++) {
            Runs.Outcome o = Runs.run(seed, Brain.REAL, daemonWire);
            if (o.newFailure()) {
                failed.add(seed);
            } else if (!o.passed()) {
                known.computeIfAbsent(o.known(), k -> new ArrayList<>()).add(seed);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("simulation (%s): %d seeds in %.1f s (%.0f seeds/s), %d new failures%n",
                daemonWire ? "daemon wire" : "snapshots", count, secs, count / secs, failed.size());
        known.forEach((id, seeds) -> System.out.printf("  known %s: %d seeds (first %s): %s%n", id, seeds.size(),
                seeds.subList(0, Math.min(5, seeds.size())), KnownFailures.DIAGNOSES.get(id)));
        if (!failed.isEmpty()) {
            System.out.println(Runs.report(failed.get(0), Brain.REAL, daemonWire));
            fail(failed.size() + " seeds failed: " + failed.subList(0, Math.min(50, failed.size())));
        }
    }
}
