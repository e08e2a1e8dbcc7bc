package om.daemon.internal.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;
import om.api.status.Status;

/**
 * The {@code sync#i0} resource of an object's instance status ({@code print status}: under the accessories,
 * label {@code config sync to nodes}): {@code n/a} for an object of this node alone, {@code up} when every other
 * node of its scope reports the local checksum, {@code warn} with {@code need update} naming those that do not
 * (a node that is not in the view, being down, has not got it either).
 */
public record SyncStatus(Status status, List<String> issues) {
    public static final String RID = "sync#i0";
    public static final String LABEL = "config sync to nodes";

    /**
     * The resource of the instance status: {@code sync#i0}, type {@code sync.i0} (driver group sync), optional (an accessory:
     * it counts in the instance overall only), its issues as warnings.
     */
    public om.api.status.ResourceStatus resource() {
        List<om.api.status.LogEntry> log = issues.stream()
                .map(i -> new om.api.status.LogEntry(om.api.status.Level.WARN, i)).toList();
        return new om.api.status.ResourceStatus(RID, "sync.i0", LABEL, status, "n/a", false, false, true, false,
                false, false, false, 0, -1, null, List.of(), log);
    }

    /**
     * The instance status with this {@code sync#i0} among its resources (replacing one there), counted in the
     * instance's optional and overall statuses as an accessory is (not in avail). For the monitor, which publishes
     * the local instance statuses with the cluster view at hand: {@code withSync(st, SyncStatus.of(...))}.
     */
    public om.api.status.InstanceStatus withSync(om.api.status.InstanceStatus st) {
        java.util.Map<String, om.api.status.ResourceStatus> resources = new java.util.LinkedHashMap<>();
        st.resources().forEach((rid, r) -> {
            if (!rid.equals(RID)) {
                resources.put(rid, r);
            }
        });
        resources.put(RID, resource());
        List<Status> optional = new ArrayList<>();
        List<Status> overall = new ArrayList<>(List.of(st.avail()));
        for (om.api.status.ResourceStatus r : resources.values()) {
            String group = r.type().contains(".") ? r.type().substring(0, r.type().indexOf('.')) : r.type();
            if (r.optional() || group.equals("sync") || group.equals("task")) {
                optional.add(r.status());
                overall.add(r.status());
            }
        }
        return new om.api.status.InstanceStatus(st.path(), st.node(), st.kind(), st.topology(), st.orchestrate(),
                st.avail(), om.api.status.Aggregate.of(overall), om.api.status.Aggregate.of(optional),
                st.provisioned(), st.frozen(), st.frozenAt(), st.updatedAt(), st.lastStartedAt(), st.running(),
                resources, st.priority());
    }

    /**
     * @param path  the object's canonical path
     * @param local this node's config summary of it
     * @param nodes the cluster view's node data
     */
    public static SyncStatus of(String self, String path, ObjectConfigSummary local, Map<String, NodeData> nodes) {
        List<String> others = new ArrayList<>();
        for (String n : local.scope()) {
            if (!n.equals(self) && !others.contains(n)) {
                others.add(n);
            }
        }
        if (others.isEmpty()) {
            return new SyncStatus(Status.NA, List.of());
        }
        List<String> behind = new ArrayList<>();
        for (String n : others) {
            NodeData d = nodes.get(n);
            ObjectConfigSummary s = d == null ? null : d.configs().get(path);
            if (s == null || !s.checksum().equals(local.checksum())) {
                behind.add(n);
            }
        }
        if (behind.isEmpty()) {
            return new SyncStatus(Status.UP, List.of());
        }
        return new SyncStatus(Status.WARN, List.of("need update: " + String.join(" ", behind)));
    }
}
