package om.api.cluster;

import om.api.daemon.DaemonStatus;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The merged, read-only cluster view: the local node's data and the data of every live peer (and of peers kept
 * during their maintenance grace), with the object aggregation across them. Changes are published on the
 * daemon's {@link om.api.daemon.DaemonEvents}. Registered by the daemon; nothing else keeps a copy.
 */
@ProviderType
public interface ClusterView {
    /** The view now: an immutable snapshot, cheap to take. */
    DaemonStatus current();

    /**
     * Per peer heard, the generation of this node's data it last said it applied (the {@code gen} of its last
     * message, pings included, so fresher than its data in {@link #current()}); empty when not known. A peer at a
     * generation at least the one carrying a change of ours has seen that change.
     */
    default java.util.Map<String, Long> applied() {
        return java.util.Map.of();
    }
}
