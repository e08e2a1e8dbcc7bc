package om.api.daemon;

import java.time.Instant;

/**
 * A node's monitor state (orchestration.md): {@code idle}, {@code rejoin}, {@code maintenance}...
 *
 * @param globalExpect {@code none} when no target is set
 */
public record NodeMonitor(String state, String globalExpect, Instant stateUpdatedAt) {
    public static final String IDLE = "idle";
    public static final String NONE = "none";

    public boolean idle() {
        return IDLE.equals(state);
    }
}
