package om.api.daemon;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where this node's orchestrator puts the monitors of its own instances: the daemon's node data carries them to
 * the peers (committed and sent as any change) and to {@code om mon}. Registered by the daemon.
 */
@ProviderType
public interface InstanceMonitors {
    /** Replaces the local monitor of the instance of {@code path} (canonical); ignored when the node holds none. */
    void set(String path, InstanceMonitor monitor);

    /** Publishes an event on the daemon's stream ({@link DaemonEvent.OrchestrationEnd}). */
    void publish(DaemonEvent event);
}
