/**
 * The cluster seen by other bundles: the merged view of every live node's data ({@link om.api.cluster.ClusterView})
 * and the plug of heartbeat transports into the daemon ({@link om.api.cluster.HeartbeatHub}). Transports move
 * opaque envelopes; the envelope crypto, the message logic and the liveness table live once, in the daemon.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package om.api.cluster;
