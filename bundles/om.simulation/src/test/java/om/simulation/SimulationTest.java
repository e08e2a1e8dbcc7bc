package om.simulation;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation over many seeds ({@code -Dsim.seeds=N}, default {@link #DEFAULT_SEEDS}), or one
 * ({@code -Dseed=S}, which also prints its trace). A failing seed prints its parameters, its trace with virtual
 * times and the command that replays it.
 */
class SimulationTest {
    static final int DEFAULT_SEEDS = 2000;

    /**
     * Seeds that fail on a known defect outside this module (kept out of the default run so CI stays green; each
     * still replays with {@code -Dseed=}). See the report of the session that found it.
     */
    static final Set<Long> KNOWN_FAILURES = Set.of();

    @Test
    void seeds() {
        String one = System.getProperty("seed");
        if (one != null && !one.isBlank()) {
            long seed = Long.parseLong(one.trim());
            String failure = Runs.failure(seed, Brain.REAL);
            System.out.println(Runs.report(seed, Brain.REAL, failure));
            if (failure != null) {
                fail("seed " + seed + ": " + failure);
            }
            return;
        }
        int count = Integer.getInteger("sim.seeds", DEFAULT_SEEDS);
        long t0 = System.nanoTime();
        List<Long> failed = new ArrayList<>();
        String first = null;
        for (long seed = 1; seed <= count; seed++) {
            if (KNOWN_FAILURES.contains(seed)) {
                continue;
            }
            String failure = Runs.failure(seed, Brain.REAL);
            if (failure != null) {
                if (first == null) {
                    first = Runs.report(seed, Brain.REAL, failure);
                }
                failed.add(seed);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("simulation: %d seeds in %.1f s (%.0f seeds/s), %d failed%n", count, secs, count / secs,
                failed.size());
        if (first != null) {
            System.out.println(first);
            fail(failed.size() + " seeds failed: " + failed.subList(0, Math.min(50, failed.size())));
        }
    }
}
