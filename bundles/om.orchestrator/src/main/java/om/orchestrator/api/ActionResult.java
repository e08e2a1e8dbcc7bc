package om.orchestrator.api;

/**
 * How a daemon-run action of this node's instance ended, reported back to {@link Orchestrator#afterAction}.
 *
 * @param action {@link Decision.Run#START}, {@code STOP}, {@code FREEZE} or {@code UNFREEZE}
 * @param ok     whether it succeeded
 */
public record ActionResult(String action, boolean ok) {
}
