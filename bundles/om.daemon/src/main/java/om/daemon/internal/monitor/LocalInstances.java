package om.daemon.internal.monitor;

import java.util.Map;
import om.api.Kind;
import om.api.ObjectPath;
import om.api.daemon.NodeData;
import om.api.daemon.ObjectConfigSummary;
import om.api.status.InstanceStatus;
import om.daemon.internal.replication.SyncStatus;

/**
 * What the monitor adds to, or leaves out of, the local instances it publishes: the {@code sync#i0} accessory
 * (config replication, from the peers' config summaries) and no instance at all for the cluster and namespace
 * configs (kinds {@code ccfg}, {@code nscfg}: configuration, not services; {@code om mon} never lists them).
 */
final class LocalInstances {
    private LocalInstances() {
    }

    /** Whether an object has instances and an object status in the dataset. */
    static boolean published(ObjectPath p) {
        return p.kind() != Kind.CCFG && p.kind() != Kind.NSCFG;
    }

    /** {@link #published(ObjectPath)} of a canonical path; a path that does not parse is not an object of ours. */
    static boolean published(String key) {
        try {
            return published(ObjectPath.parse(key));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The instance status as published: with {@code sync#i0} evaluated against the peers' data.
     *
     * @param local this node's config summary of the object; null (config not read yet): the status unchanged
     */
    static InstanceStatus withSync(String self, String key, InstanceStatus st, ObjectConfigSummary local,
                                   Map<String, NodeData> peers) {
        if (st == null || local == null) {
            return st;
        }
        return SyncStatus.of(self, key, local, peers).withSync(st);
    }
}
