/**
 * The daemon's typed node dataset and its event stream. The daemon's monitor owns the data: it assembles
 * {@link om.api.daemon.DaemonStatus} snapshots and publishes each change as a {@link om.api.daemon.DaemonEvent}
 * through {@link om.api.daemon.DaemonEvents}. Renderers ({@code om mon}, {@code daemon status}) read the records;
 * the cluster issue carries the same node data and events between nodes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package om.api.daemon;
