package om.api.daemon;

import java.time.Instant;
import java.util.List;

/**
 * The monitor of one instance (orchestration.md): its state, the expectations and whether the instance is a
 * placement leader. Each node's orchestrator sets its own instance's; the peers read it from the node data.
 *
 * @param state                 {@code idle}, {@code starting}, {@code start failed}...
 * @param globalExpect          the object's target, {@code none} when unset ({@code placed@} without its nodes)
 * @param localExpect           {@code started} once the instance was started and is kept up, else {@code none}
 * @param isLeader              whether this instance is a placement leader (a candidate ranked first)
 * @param stateUpdatedAt        when {@code state} last changed, null when never
 * @param globalExpectUpdatedAt when the target was set by a verb (kept when it ends): the most recent one wins on
 *                              every node; null when never
 * @param destination           the nodes of {@code placed@} (switch, takeover), empty otherwise
 * @param orchestrationId       the id the verb's request was answered with, null when none
 * @param clearedAt             when {@code om <path> clear} was last applied to this instance, null when never
 */
public record InstanceMonitor(String state, String globalExpect, String localExpect, boolean isLeader,
                              Instant stateUpdatedAt, Instant globalExpectUpdatedAt, List<String> destination,
                              String orchestrationId, Instant clearedAt) {
    public InstanceMonitor {
        destination = destination == null ? List.of() : List.copyOf(destination);
    }

    /** A monitor without target time, destination, orchestration id or clear. */
    public InstanceMonitor(String state, String globalExpect, String localExpect, boolean isLeader,
                           Instant stateUpdatedAt) {
        this(state, globalExpect, localExpect, isLeader, stateUpdatedAt, null, List.of(), null, null);
    }

    /** An idle monitor with nothing expected. */
    public static InstanceMonitor idle(boolean isLeader) {
        return new InstanceMonitor("idle", "none", "none", isLeader, null);
    }

    public boolean idle() {
        return "idle".equals(state);
    }

    public InstanceMonitor withLeader(boolean leader) {
        return leader == isLeader ? this : new InstanceMonitor(state, globalExpect, localExpect, leader, stateUpdatedAt,
                globalExpectUpdatedAt, destination, orchestrationId, clearedAt);
    }

    public InstanceMonitor withLocalExpect(String expect) {
        return expect.equals(localExpect) ? this : new InstanceMonitor(state, globalExpect, expect, isLeader,
                stateUpdatedAt, globalExpectUpdatedAt, destination, orchestrationId, clearedAt);
    }
}
