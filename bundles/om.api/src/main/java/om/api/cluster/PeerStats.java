package om.api.cluster;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import om.api.daemon.DaemonStats;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Fetches peers' {@link DaemonStats} ({@code GET /api/node/name/<node>/daemon/stats} through the node API, each
 * peer answering with its own {@code GET /api/daemon/stats}). Registered by the bundle that holds the node API
 * client; the daemon's stats source uses it when present, so {@code om mon --stats} shows every node's figures.
 */
@ProviderType
public interface PeerStats {
    /** The figures of those of {@code nodes} that answered within {@code timeout} (asked in parallel). */
    Map<String, DaemonStats> fetch(Collection<String> nodes, Duration timeout);
}
