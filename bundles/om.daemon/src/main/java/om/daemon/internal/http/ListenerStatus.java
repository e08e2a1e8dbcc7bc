package om.daemon.internal.http;

import om.api.daemon.ListenerEndpoint;
import om.api.daemon.ThreadStatus;

/**
 * The {@code listener} row of the daemon threads ({@code om mon}, {@code om daemon status}): whether the node API
 * answers on {@code listener.addr:listener.port}, {@code failed} with the reason (a port in use) when it does not.
 * Registered by {@link HttpConfigurator}, read by the monitor when it builds a snapshot.
 */
public interface ListenerStatus {
    ThreadStatus status();

    /** {@code listener.addr:listener.port} of the configuration in force (bound or not), null before the first. */
    ListenerEndpoint config();
}
