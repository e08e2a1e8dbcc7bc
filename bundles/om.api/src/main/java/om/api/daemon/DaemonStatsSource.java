package om.api.daemon;

import java.time.Duration;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** The figures of {@code om mon --stats}, registered by the daemon. */
@ProviderType
public interface DaemonStatsSource {
    /** This node's figures, measured now. */
    DaemonStats local();

    /**
     * This node's figures and those of each live peer that answered within {@code timeout}, by node name; a peer
     * that did not answer is absent (its columns show what the others report).
     */
    Map<String, DaemonStats> cluster(Duration timeout);
}
