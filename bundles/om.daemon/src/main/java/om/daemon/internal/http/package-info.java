/**
 * The node API over TLS (heartbeats-and-daemon section 6): servlets on the OSGi servlet whiteboard of Felix HTTP
 * Jetty 12, in one servlet context ({@link ApiContext}, basic authentication: a node of {@code cluster.nodes} and
 * {@code cluster.secret}). It owns the node certificate under {@code var/certs/} and the Felix HTTP configuration
 * (Config Admin pid {@code org.apache.felix.http}, made from the {@code [listener]} keywords and kept in step with
 * them); it consumes the node settings, the cluster view (or the daemon status), the object store and the
 * selector, and publishes {@link PeerClient}, the client of the peers' node API (relays, config replication).
 * Every error is the spec's JSON body; nothing of Jetty's own error pages or a stack trace reaches a client.
 */
package om.daemon.internal.http;
