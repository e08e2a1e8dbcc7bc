/**
 * The orchestrator inside the daemon: the I/O around the pure decision core of {@code om.orchestrator.api}. It
 * reads the merged cluster view, owns this node's instance monitors, runs the decided actions through the action
 * engine and answers the verbs.
 */
package om.orchestrator.internal.daemon;
