package om.orchestrator.internal.quorum;

import static om.orchestrator.api.Quorum.Verdict.CARRY_ON;
import static om.orchestrator.api.Quorum.Verdict.IGNORED;
import static om.orchestrator.api.Quorum.Verdict.SPLIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import om.orchestrator.internal.quorum.SplitWatch.Step;
import org.junit.jupiter.api.Test;

/** The split timer: {@code ready_period / 3} of a held SPLIT verdict, on fresh arbitrator results, once per split. */
class SplitWatchTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration D = Duration.ofMillis(1000);

    private static Instant at(long ms) {
        return T0.plusMillis(ms);
    }

    @Test
    void aHeldSplitRunsAfterTheDelayOnceThenNotAgainUntilTheQuorumCameBack() {
        SplitWatch w = new SplitWatch();
        assertEquals(Step.NONE, w.look(at(0), false, CARRY_ON, null, D));
        assertEquals(Step.SUSPECT, w.look(at(100), true, SPLIT, at(0), D));
        assertEquals(at(1100), w.deadline(D));
        // checked afresh at 400 (after the suspicion began), but the delay has not passed
        assertEquals(Step.NONE, w.look(at(1099), true, SPLIT, at(400), D));
        assertEquals(Step.RUN, w.look(at(1100), true, SPLIT, at(400), D));
        assertNull(w.deadline(D));
        // once per split
        for (int i = 0; i < 10; i++) {
            assertEquals(Step.NONE, w.look(at(2000 + i * 1000), true, SPLIT, at(1900 + i * 1000), D));
        }
        // the peers came back: the quorum is back, then a new split runs again
        assertEquals(Step.BACK, w.look(at(20_000), false, CARRY_ON, at(19_000), D));
        assertEquals(Step.NONE, w.look(at(20_100), false, CARRY_ON, at(19_000), D));
        assertEquals(Step.SUSPECT, w.look(at(30_000), true, SPLIT, at(29_000), D));
        assertEquals(Step.RUN, w.look(at(31_000), true, SPLIT, at(30_200), D));
    }

    @Test
    void theDecisionWaitsForArbitratorResultsCheckedSinceTheSuspicion() {
        SplitWatch w = new SplitWatch();
        assertEquals(Step.SUSPECT, w.look(at(0), true, SPLIT, at(-5000), D));
        // the delay passed but the last check is older than the suspicion: no decision on stale results
        assertEquals(Step.NONE, w.look(at(1500), true, SPLIT, at(-5000), D));
        assertEquals(Step.RUN, w.look(at(1600), true, SPLIT, at(1550), D));
    }

    @Test
    void votesBackWithinTheDelayCancelTheSuspicion() {
        SplitWatch w = new SplitWatch();
        assertEquals(Step.SUSPECT, w.look(at(0), true, SPLIT, null, D));
        // the arbitrators answered: the node carries on
        assertEquals(Step.BACK, w.look(at(500), true, CARRY_ON, at(400), D));
        assertNull(w.deadline(D));
        // a later SPLIT starts a new delay from its own beginning
        assertEquals(Step.SUSPECT, w.look(at(900), true, SPLIT, at(400), D));
        assertEquals(Step.NONE, w.look(at(1500), true, SPLIT, at(1000), D));
        assertEquals(Step.RUN, w.look(at(1900), true, SPLIT, at(1000), D));
    }

    @Test
    void ignoredOrNoPeerLostNeverRuns() {
        SplitWatch w = new SplitWatch();
        for (int i = 0; i < 5; i++) {
            assertEquals(Step.NONE, w.look(at(i * 1000), true, IGNORED, at(i * 1000), D));
            // a SPLIT verdict without a lost peer (a node booting alone, arbitrators down): not a split
            assertEquals(Step.NONE, w.look(at(i * 1000 + 500), false, SPLIT, at(i * 1000), D));
        }
        // frozen during a suspicion (IGNORED): the suspicion ends
        assertEquals(Step.SUSPECT, w.look(at(10_000), true, SPLIT, null, D));
        assertEquals(Step.BACK, w.look(at(10_500), true, IGNORED, at(10_100), D));
        assertEquals(Step.NONE, w.look(at(12_000), true, IGNORED, at(11_000), D));
    }
}
