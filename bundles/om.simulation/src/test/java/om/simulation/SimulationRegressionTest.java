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

    /** D1: a takeover accepted on n4, then n4 froze; placed@n4 started there once the sources were down. */
    @Test
    void seed51SwitchDestinationFrozenSinceAcceptedDoesNotStart() {
        assertNo(51, "(d)");
    }

    /** D1 as first found: a takeover asked on a frozen node (refused since, as a switch to one is). */
    @Test
    void seed20TakeoverOnFrozenNodeDoesNotStart() {
        assertNo(20, "(d)");
    }

    /** The run of {@code seed} has no violation whose message starts with {@code kind} ({@code "(b)"}...). */
    private static void assertNo(long seed, String kind) {
        Runs.Outcome o = Runs.run(seed, Brain.REAL, false);
        assertFalse(o.message() != null && o.message().contains(": " + kind + " "),
                () -> Runs.report(seed, Brain.REAL, false));
    }
}
