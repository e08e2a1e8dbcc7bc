/**
 * The daemon's monitor: owns the node dataset (local instance statuses and monitors, object configs summaries and
 * statuses, node monitor, frozen flag and figures), kept up to date from file stamps, its evaluation pool and the
 * scheduler; publishes immutable {@code DaemonStatus} snapshots and change events (om.api.daemon). Consumes the
 * object store and the status service of om.core.
 */
package om.daemon.internal.monitor;
