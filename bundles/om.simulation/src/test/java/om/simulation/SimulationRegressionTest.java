package om.simulation;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * The seeds that found a defect now fixed in the decision core, each named after its seed and the defect: the
 * run must show no violation of that kind any more (another kind, known or new, is the default run's business).
 * On failure the message carries the seed's whole report, trace included.
 */
class SimulationRegressionTest {
    /** D8: a giveback ended on n5 (leader n2 dead on its view) stayed pending on the others, n2 in wait non-leader. */
    @Test
    void seed145TargetEndedWhileLeaderDeadIsResumed() {
        assertNo(145, "(b)");
    }

    /** The run of {@code seed} has no violation whose message starts with {@code kind} ({@code "(b)"}...). */
    private static void assertNo(long seed, String kind) {
        Runs.Outcome o = Runs.run(seed, Brain.REAL, false);
        assertFalse(o.message() != null && o.message().contains(": " + kind + " "),
                () -> Runs.report(seed, Brain.REAL, false));
    }
}
