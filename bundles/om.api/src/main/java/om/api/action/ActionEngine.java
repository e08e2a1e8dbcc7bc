package om.api.action;

import java.util.concurrent.CompletableFuture;
import om.api.Cancellation;
import om.api.ObjectPath;

/**
 * Runs local actions (start, stop, provision, unprovision, run) on an object's local instance.
 *
 * <p>Every action is bracketed in its log ({@link ActionBracket}: {@code do ...}, then {@code done ...} or
 * {@code failed ...}, the closing line written whatever happens), and a user's stop of a whole instance whose
 * {@code orchestrate} is not {@code no} freezes it first. A cancelled action kills its running command, starts
 * nothing more, rolls back a start as a failure would and ends with {@code failed <action>: <reason>}.
 * While the engine stops, new actions are refused ({@code daemon stopping}) and running ones are drained.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ActionEngine {
    /**
     * Runs the action on the caller's thread.
     *
     * @throws om.api.OmException when the action cannot begin (lock timeout, unknown object, no match, the
     *                            engine stopping); the {@code failed} bracket is logged first
     */
    ActionResult run(ActionRequest request);

    /**
     * Queues the action; at most {@code node.max_parallel} (default 10) submitted actions run at once, the
     * others wait in object {@code priority} order (lower first). The future fails with the
     * {@link om.api.OmException} {@link #run(ActionRequest)} would throw; cancelling it cancels the action.
     */
    CompletableFuture<ActionResult> submit(ActionRequest request);

    /** {@link #run(ActionRequest)} of a user's action that {@code cancel} can stop. */
    default ActionResult run(ObjectPath path, String action, ActionOptions options, ActionLog log,
                             Cancellation cancel) {
        return run(ActionRequest.of(path, action, options, log).withCancellation(cancel));
    }

    /** {@link #run(ActionRequest)} of a user's action that nobody cancels. */
    default ActionResult run(ObjectPath path, String action, ActionOptions options, ActionLog log) {
        return run(path, action, options, log, Cancellation.NONE);
    }
}
