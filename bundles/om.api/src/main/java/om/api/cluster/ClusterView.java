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
}
