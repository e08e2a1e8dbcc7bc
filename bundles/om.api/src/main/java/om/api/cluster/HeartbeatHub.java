package om.api.cluster;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where heartbeat transport instances plug into the daemon. A transport component is instantiated once per
 * {@code [hb#N]} section, from the Config Admin factory configuration the daemon makes of it (factory pid
 * {@code om.hb.<type>}, properties read by {@link HeartbeatConfig#of}); on activation it attaches and runs its rx
 * and tx threads against the returned link; on deactivation it stops them and closes the link.
 */
@ProviderType
public interface HeartbeatHub {
    /**
     * Attaches the transport serving {@code config.name()}. A link already attached under that name is closed
     * first (a reconfiguration).
     */
    HeartbeatLink attach(HeartbeatConfig config);
}
