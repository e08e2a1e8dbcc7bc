package om.orchestrator.internal.resources;

import java.time.Instant;
import java.util.Set;
import om.api.status.InstanceStatus;

/**
 * Everything the resource monitor decides from for one local instance, read at one moment.
 *
 * @param status       the instance status (resources with their status, flags and the last start)
 * @param rules        the object's monitoring configuration
 * @param stopped      rids with the stopped flag now (explicit stop); the status's own flags count too
 * @param monitorState the local instance monitor's state ({@code idle}, {@code start failed}...)
 * @param localExpect  its local expect ({@code started}, {@code none}, {@code evicted})
 * @param globalExpect its global expect, {@code none} when no target is pending
 * @param clearedAt    its {@code cleared_at}, null when never cleared
 * @param nodeIdle     the node monitor is idle (not rejoining, not in maintenance)
 * @param nodeFrozen   the node is frozen
 * @param now          the clock
 */
public record Facts(InstanceStatus status, ResourceRules rules, Set<String> stopped, String monitorState,
                    String localExpect, String globalExpect, Instant clearedAt, boolean nodeIdle, boolean nodeFrozen,
                    Instant now) {
    public Facts {
        stopped = Set.copyOf(stopped);
    }
}
