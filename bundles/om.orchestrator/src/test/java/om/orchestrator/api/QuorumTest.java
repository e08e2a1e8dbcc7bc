package om.orchestrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import om.orchestrator.api.Quorum.Arbitrator;
import om.orchestrator.api.Quorum.Verdict;
import om.orchestrator.api.Quorum.Votes;
import org.junit.jupiter.api.Test;

/** orchestration.md section 7, split and quorum, with the spec's example. */
class QuorumTest {
    private static List<Arbitrator> two(boolean a1, boolean a2) {
        return List.of(new Arbitrator("arbitrator#1", 1, a1), new Arbitrator("arbitrator#2", 1, a2));
    }

    @Test
    void theSpecExampleThreeNodesTwoArbitrators() {
        // 5 votes, majority 3: an isolated pair reaching no arbitrator crashes
        assertEquals(Verdict.SPLIT, Quorum.verdict(new Votes(true, false, 3, 2, two(false, false))));
        // a single node reaching both arbitrators survives
        assertEquals(Verdict.CARRY_ON, Quorum.verdict(new Votes(true, false, 3, 1, two(true, true))));
        assertEquals(Verdict.SPLIT, Quorum.verdict(new Votes(true, false, 3, 1, two(true, false))));
    }

    @Test
    void withoutArbitratorsTheMajorityOfNodesCarriesOn() {
        assertEquals(Verdict.SPLIT, Quorum.verdict(new Votes(true, false, 3, 1, List.of())));
        assertEquals(Verdict.CARRY_ON, Quorum.verdict(new Votes(true, false, 3, 2, List.of())));
        // exactly half is no majority
        assertEquals(Verdict.SPLIT, Quorum.verdict(new Votes(true, false, 4, 2, List.of())));
    }

    @Test
    void weightsCount() {
        List<Arbitrator> heavy = List.of(new Arbitrator("arbitrator#1", 3, true));
        assertEquals(Verdict.CARRY_ON, Quorum.verdict(new Votes(true, false, 4, 1, heavy)));
        assertEquals(7, new Votes(true, false, 4, 1, heavy).total());
        assertEquals(4, new Votes(true, false, 4, 1, heavy).votes());
        // unreachable, its weight is lost: 1 of 7
        assertEquals(Verdict.SPLIT, Quorum.verdict(new Votes(true, false, 4, 1,
                List.of(new Arbitrator("arbitrator#1", 3, false)))));
    }

    @Test
    void quorumOffOrFrozenNodeIgnoresTheSplit() {
        assertEquals(Verdict.IGNORED, Quorum.verdict(new Votes(false, false, 3, 1, List.of())));
        assertEquals(Verdict.IGNORED, Quorum.verdict(new Votes(true, true, 3, 1, List.of())));
    }
}
