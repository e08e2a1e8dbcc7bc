package om.orchestrator.internal.quorum;

import java.time.Duration;
import java.time.Instant;
import om.orchestrator.api.Quorum;

/**
 * When to run {@code node.split_action} (orchestration.md section 7), as a function of what the node sees at each
 * look: after a peer was lost, a {@link Quorum.Verdict#SPLIT} verdict is suspected first (the arbitrators are
 * checked afresh, which takes at most {@code ready_period / 3}); if the verdict is still {@code SPLIT}
 * {@code ready_period / 3} later, on arbitrator results checked since the suspicion began, the action runs. It
 * runs once per split: not again until the quorum came back (a verdict other than {@code SPLIT}, or no peer lost).
 * Pure and single-threaded: the clock is the caller's.
 */
final class SplitWatch {
    /** What the caller does after a look. */
    enum Step {
        /** Nothing to do. */
        NONE,
        /** The quorum seems lost: check the arbitrators now, the action comes at {@link #deadline}. */
        SUSPECT,
        /** Run {@code split_action} now (once). */
        RUN,
        /** A suspicion, or a split already acted on, is over: the quorum is back. */
        BACK
    }

    private Instant since;
    private boolean acted;

    /**
     * @param peerLost  a peer this node saw alive is gone (the split rule applies only then)
     * @param verdict   the verdict on the live nodes and the last arbitrator results
     * @param checkedAt when the last arbitrator check ended (null: never); with no arbitrator, any time
     * @param delay     {@code ready_period / 3}
     */
    Step look(Instant now, boolean peerLost, Quorum.Verdict verdict, Instant checkedAt, Duration delay) {
        if (!peerLost || verdict != Quorum.Verdict.SPLIT) {
            boolean was = since != null || acted;
            since = null;
            acted = false;
            return was ? Step.BACK : Step.NONE;
        }
        if (acted) {
            return Step.NONE;
        }
        if (since == null) {
            since = now;
            return Step.SUSPECT;
        }
        // still split after the delay, and on arbitrator results not older than the suspicion
        if (!now.isBefore(since.plus(delay)) && checkedAt != null && !checkedAt.isBefore(since)) {
            acted = true;
            return Step.RUN;
        }
        return Step.NONE;
    }

    /** When the suspected split is acted on, null when none is suspected. */
    Instant deadline(Duration delay) {
        return since == null || acted ? null : since.plus(delay);
    }

    /** Whether the split action ran for the current split. */
    boolean acted() {
        return acted;
    }
}
