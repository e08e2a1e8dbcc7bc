package om.api.daemon;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where this node's quorum watch puts the arbitrators as it checked them last: the daemon's node data carries
 * them ({@link NodeData#arbitrators()}, committed and sent as any change) to the peers and to {@code om mon}'s
 * Arbitrators section. Registered by the daemon (since 1.4).
 */
@ProviderType
public interface Arbitrators {
    /** Replaces the local node's arbitrators, by section name ({@code arbitrator#1}); empty when none is configured. */
    void set(Map<String, ArbitratorStatus> arbitrators);
}
