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
        int count = Integer.getInteger("sim.seeds", DEFAULT_SEEDS);
        long t0 = System.nanoTime();
        List<Long> failed = new ArrayList<>();
        Map<String, List<Long>> known = new TreeMap<>();
        for (long seed = 1; seed <= count; seed++) {
            Runs.Outcome o = Runs.run(seed, Brain.REAL);
            if (o.newFailure()) {
                failed.add(seed);
            } else if (!o.passed()) {
                known.computeIfAbsent(o.known(), k -> new ArrayList<>()).add(seed);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("simulation: %d seeds in %.1f s (%.0f seeds/s), %d new failures%n", count, secs,
                count / secs, failed.size());
        known.forEach((id, seeds) -> System.out.printf("  known %s: %d seeds (first %s): %s%n", id, seeds.size(),
                seeds.subList(0, Math.min(5, seeds.size())), KnownFailures.DIAGNOSES.get(id)));
        if (!failed.isEmpty()) {
            System.out.println(Runs.report(failed.get(0), Brain.REAL));
            fail(failed.size() + " seeds failed: " + failed.subList(0, Math.min(50, failed.size())));
        }
    }
}
