/**
 * The cluster side of the daemon (heartbeats-and-daemon.md sections 3-5): the envelope (AES-256-GCM of the zlib
 * compressed message), the heartbeat messages with their generations and kinds ({@code ping}, {@code full},
 * {@code patch}), the liveness table per heartbeat and peer, and the plug of transports
 * ({@link om.api.cluster.HeartbeatHub}). Transports move opaque envelopes; everything that interprets them is
 * here, once.
 *
 * <p>Threads: transports' rx threads open envelopes and record liveness ({@link Hub}, CPU only, never blocking);
 * the monitor thread owns the node data of every node ({@link Exchange}) and builds the outgoing messages;
 * transports' tx threads only take the envelope due.
 */
package om.daemon.internal.cluster;
