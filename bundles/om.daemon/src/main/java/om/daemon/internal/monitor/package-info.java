/**
 * The daemon's monitor: owns the node dataset (local instance statuses and monitors, object configs summaries,
 * node monitor, frozen flag, figures and tombstones), kept up to date from file stamps, its evaluation pool and
 * the scheduler; commits it to the cluster as generations and merges the peers' data ({@code ClusterData} of
 * om.daemon.internal.cluster); aggregates each object and its placement leaders across the nodes of the view;
 * runs the node membership (rejoin, maintenance announce, peers' death and maintenance grace); publishes
 * immutable {@code DaemonStatus} snapshots (also the {@code ClusterView} service) and change events
 * (om.api.daemon). Consumes the object store and the status service of om.core and the heartbeat hub.
 * {@code Monitor} runs the thread and the snapshot; the state has one owner each: {@code LocalObjects} (file
 * stamps), {@code Membership} (node monitor, frozen flag, rejoin, maintenance, peers' liveness), {@code Dataset}
 * (local node data and aggregated objects); {@code Evaluator} is what the pool's threads run.
 */
package om.daemon.internal.monitor;
