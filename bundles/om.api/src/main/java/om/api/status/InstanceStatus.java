package om.api.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The status of one object instance on one node (status.md section 6), resources keyed by rid in
 * display order.
 */
public record InstanceStatus(String path, String node, String kind, String topology, String orchestrate,
                             Status avail, Status overall, Status optional, String provisioned, boolean frozen,
                             Instant frozenAt, Instant updatedAt, Instant lastStartedAt, List<String> running,
                             Map<String, ResourceStatus> resources, int priority) {
    public InstanceStatus {
        running = List.copyOf(running);
        resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
    }
}
