package om.api.daemon;

import java.time.Instant;

/**
 * The monitor of one instance (orchestration.md): its state, the expectations and whether the instance is a
 * placement leader.
 *
 * @param state          {@code idle}, {@code starting}, {@code start failed}...
 * @param globalExpect   the object's target, {@code none} when unset
 * @param localExpect    {@code started} once the instance was started and is kept up, else {@code none}
 * @param isLeader       whether this instance is a placement leader (a candidate ranked first)
 * @param stateUpdatedAt when {@code state} last changed, null when never
 */
public record InstanceMonitor(String state, String globalExpect, String localExpect, boolean isLeader,
                              Instant stateUpdatedAt) {
    /** An idle monitor with nothing expected. */
    public static InstanceMonitor idle(boolean isLeader) {
        return new InstanceMonitor("idle", "none", "none", isLeader, null);
    }

    public boolean idle() {
        return "idle".equals(state);
    }

    public InstanceMonitor withLeader(boolean leader) {
        return leader == isLeader ? this : new InstanceMonitor(state, globalExpect, localExpect, leader, stateUpdatedAt);
    }
}
