package om.orchestrator.api;

import java.util.Optional;
import om.orchestrator.internal.Core;

/**
 * The decision core (orchestration.md sections 3 to 7): pure functions from a {@link Situation} to the
 * {@link Plan} of this node's instance.
 *
 * <p>What the daemon around it does (the I/O side):
 * <ul>
 *   <li><b>When</b>: {@link #decide} after any change of the object's data in the merged view (an instance status
 *       or monitor of any node, a node monitor or frozen flag, a node's death or arrival), at
 *       {@link Plan#recheckAt()}, and again after applying a non-empty plan (its own changes may allow the next
 *       step), a few times at most per change.</li>
 *   <li><b>Input</b>: dead nodes stay in {@link Situation#nodes()} with {@code alive = false}, their last instance and
 *       {@code diedAt}; {@link Situation#fenced()} is this node's memory of the deaths it fenced.</li>
 *   <li><b>Apply</b> the decisions in plan order: {@link Decision.Clear} resets the restart counters and records
 *       {@code cleared_at}; {@link Decision.SetGlobalExpect}, {@link Decision.SetState} (with
 *       {@code state_updated_at} = {@link Situation#now()}: the ready period counts from it) and
 *       {@link Decision.SetLocalExpect} change the instance monitor, published and replicated like any change;
 *       {@link Decision.ThawNode} removes {@code var/node/frozen}; {@link Decision.Fence} runs the stonith command
 *       (bounded, a failure logged) and remembers the death; {@link Decision.Run} submits the action to the engine
 *       without waiting, and calls {@link #afterAction} when it ends; {@link Decision.End} publishes
 *       {@code OrchestrationEnd}.</li>
 *   <li><b>Verbs</b>: {@link #refusal} first; an accepted verb sets the own instance's global expect with
 *       {@code updated_at} = now (peers adopt it from the data); {@code clear} applies {@link #clear}.</li>
 * </ul>
 */
public final class Orchestrator {
    private Orchestrator() {
    }

    /**
     * What this node does now for its own instance: adopt a newer target or {@code clear} seen on another
     * instance; end a target that is reached or aborted; the next step of the target in force; without one, what
     * {@code orchestrate} asks for. Nothing while the node monitor is not {@code idle} or an action of the instance
     * runs (except ending an aborted target).
     */
    public static Plan decide(Situation s) {
        return Core.decide(s);
    }

    /** An action this node ran for its instance ended ({@code s} is the situation when it ended). */
    public static Plan afterAction(Situation s, ActionResult result) {
        return Core.afterAction(s, result);
    }

    /**
     * {@code om <path> clear} asked on this node: the {@code clear} applied to its own instance (a failed state
     * back to {@code idle}, restart counters reset) and recorded with {@code now}, so every other node applies it
     * to its own instance when it sees it ({@link #decide}). The target stays: the plan is tried again.
     */
    public static Plan clear(Situation s) {
        return Core.clear(s);
    }

    /**
     * Why a verb's request must be refused, in one line, empty when it is accepted: another target pending (unless
     * the request is {@code abort} or the same target), a {@code switch} destination outside {@code nodes}, dead or
     * frozen, a {@code takeover} from a node outside {@code nodes}, a {@code start} with {@code placement = none}.
     *
     * @param verb the verb asked ({@code switch} and {@code takeover} both ask {@code placed@})
     */
    public static Optional<String> refusal(Situation s, String verb, GlobalExpect wanted) {
        return Core.refusal(s, verb, wanted);
    }
}
