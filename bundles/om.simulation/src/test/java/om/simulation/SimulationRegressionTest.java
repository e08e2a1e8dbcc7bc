package om.simulation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeds that found a defect now fixed in the decision core, each named after its seed and the defect: the
 * run must show no violation of that kind any more (another kind, known or new, is the default run's business).
 * On failure the message carries the violations and the seed's report, trace included.
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

    /** D9: a giveback started at once on n4 as it left rejoin, its view not showing n2's start yet. */
    @Test
    void seed527MoveFromYoungViewWaitsReadyPeriod() {
        assertNo(527, "(a)");
    }

    /** D9 after the D8 fix: a resumed giveback started on n3, then on n4 as it left rejoin a moment later. */
    @Test
    void seed6152ResumedMoveRacesNoNodeLeavingRejoin() {
        assertNo(6152, "(a)");
    }

    /**
     * D9: n3, cut from the others just after they all heard each other, left rejoin seeing them in rejoin, elected
     * itself and started svc1 after its ready period, which never reached them; n4, the better candidate, left
     * rejoin on its view of n3 in rejoin and started it too. A ready period now ends only once every live
     * candidate has seen it (or is lost).
     */
    @Test
    void seed1142ReadyPeriodEndsOnceEveryCandidateSawIt() {
        assertNo(1142, "(a)");
    }

    /** D9: the same race on 5 nodes (n5 ready on the minority side, n2 elected on a stale view of it). */
    @Test
    void seed1409ReadyUnseenByTheBetterCandidateIsNoStart() {
        assertNo(1409, "(a)");
    }

    /**
     * D9 under a giveback: n2 left rejoin (its grace) just as a partition cut it from n4, showed ready while its
     * view matured and started; n4, which never saw n2 leave rejoin, started too. The ready shown by a move
     * must have reached the candidates as well.
     */
    @Test
    void seed5836ReadyOfAMoveEndsOnceEveryCandidateSawIt() {
        assertNo(5836, "(a)");
    }

    /**
     * D5: n4 booted after a partition cut it from n5, the holder, and never heard it; it adopted a giveback from its
     * peers, which held n5's data, and started beside n5's stop in progress. A failover start now waits while a node
     * of the scope never heard is not agreed gone.
     */
    @Test
    void seed206NodeNeverHeardMayRunTheObject() {
        assertNo(206, "(a)");
    }

    /** D5, the second seed of the last count. */
    @Test
    void seed4229NodeNeverHeardIsNoAbsentHolder() {
        assertNo(4229, "(a)");
    }

    /**
     * D6, the last seeds of the last count: no partition, but the starter (booted again) never heard the holder, its
     * messages lost, while the others held the holder's data; it started for a giveback beside it.
     */
    @Test
    void seed724FalseDeathIsNoTakeover() {
        assertNo(724, "(a)");
    }

    @Test
    void seed2536FalseDeathIsNoTakeoverEither() {
        assertNo(2536, "(a)");
    }

    /** D3: placed@n3 started on n3 as soon as it declared the holder n5 dead, before n5's split action. */
    @Test
    void seed381MoveAfterDeathWaitsReadyPeriod() {
        assertNo(381, "(a)");
    }

    /** D4: an isolated n2 declared n1 dead, then n3: it took over from n1 while it still counted n3's vote. */
    @Test
    void seed48IsolatedNodeDoesNotTakeOverAlone() {
        assertNo(48, "(a)");
    }

    /**
     * D4: n1, crashed by its split action, booted again on the minority side (2 of 4), frozen by its rejoin grace;
     * the operator thawed it and it started svc2 beside n2.
     */
    @Test
    void seed267NodeWithoutQuorumStartsNothing() {
        assertNo(267, "(a)");
    }

    /** D4: n1 alone (1 of 3), thawed, took a giveback's start of svc1 while n2 ran it. */
    @Test
    void seed3479ThawedNodeWithoutQuorumWaits() {
        assertNo(3479, "(a)");
    }

    /** D6: a node that lost a live peer to message loss took over beside it while the others heard it well. */
    @Test
    void seed109DeathNoMajorityAgreesOnIsNoTakeover() {
        assertNo(109, "(a)");
    }

    /**
     * D7 with stonith: n3's daemon restarted while partitioned from n1 and n2, its resources running; they agreed
     * it dead and n1 took svc2 (stonith = true) over: it powered n3 off first.
     */
    @Test
    void seed273TakeoverOfAStonithObjectFencesTheDeadHolderFirst() {
        assertNo(273, "(a)");
    }

    /** D2, no defect: a frozen holder cut off ignores the split and keeps running: a declared split. */
    @Test
    void seed165FrozenHolderCutOffIsADeclaredSplit() {
        assertNo(165, "(a)");
    }

    /**
     * The whole run of {@code seed} has no violation of {@code kind} ({@code "(b)"}...): the run goes on after
     * any other, so an earlier violation of another kind (the seed's run changes with every fix) does not hide it.
     */
    private static void assertNo(long seed, String kind) {
        Simulation s = Runs.build(seed, Brain.REAL, false, false);
        s.stopOnViolation = false;
        s.run();
        List<String> found = s.violations.stream().map(Throwable::getMessage)
                .filter(m -> m.contains(": " + kind + " ")).toList();
        assertTrue(found.isEmpty(), () -> found + "\n" + Runs.report(seed, Brain.REAL, false));
    }
}
