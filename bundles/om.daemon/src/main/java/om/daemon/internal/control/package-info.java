/**
 * Daemon control: the {@code DaemonControl} service (the monitor's dataset, the event stream, stop) and the node
 * log lines written at daemon start and stop. It owns no thread except the short-lived one that stops the framework.
 */
package om.daemon.internal.control;
