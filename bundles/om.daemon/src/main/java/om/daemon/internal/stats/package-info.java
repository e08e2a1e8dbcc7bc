/**
 * The figures of {@code om mon --stats}: the CPU time of the daemon's own threads and the processes of each local
 * object (found by the {@code OPENSVC_PATH} their commands inherit), measured on request, never stored; peers'
 * figures come through {@link om.api.cluster.PeerStats} when a bundle provides it.
 */
package om.daemon.internal.stats;
