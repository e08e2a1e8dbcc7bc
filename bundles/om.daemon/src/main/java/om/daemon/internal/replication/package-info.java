/**
 * Config replication ({@code sync#i0}, heartbeats-and-daemon section 6): an object's config follows the newest
 * version among the nodes of its {@code nodes}. It owns nothing on disk (the object store writes the configs and
 * the tombstones) and a small memory of the versions seen per node (to tell a concurrent change from a late
 * copy); it consumes the cluster view (peers' config summaries and deletions), the object store and the peer
 * client of the node API, and publishes the {@code sync#i0} status of each object ({@link SyncStatus}). The rules
 * are pure ({@link ReplicationRules}); {@link Replicator} applies them every second.
 */
package om.daemon.internal.replication;
