package om.api.orchestration;

import java.time.Instant;

/**
 * A request the orchestrator accepted.
 *
 * @param orchestrationId the id of the orchestration, carried in the instance monitors and the
 *                        {@code OrchestrationEnd} events
 * @param globalExpect    the target set ({@code started}, {@code placed@n2}...)
 * @param at              when it was set (its {@code global_expect_updated_at})
 * @param nothing         the object needs nothing ({@code disable = true}): no orchestration runs and no end
 *                        comes
 */
public record Accepted(String orchestrationId, String globalExpect, Instant at, boolean nothing) {
}
