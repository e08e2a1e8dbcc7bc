package om.api.node;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node and cluster settings service: the one reader of {@code etc/cluster.conf} and {@code etc/node.conf}.
 * Cheap to call often: the files are re-read only when their stamp (mtime, size, inode) changed.
 */
@ProviderType
public interface NodeSettings {
    /** The effective configuration now. */
    NodeConfig current();

    /**
     * Generates what the first daemon start must write (heartbeats-and-daemon section 1): a {@code cluster.id}
     * (UUID) and a {@code cluster.secret} (32 random hex characters) when cluster.conf has none, written into
     * {@code etc/cluster.conf} (kept as written otherwise, mode 0600) atomically and under the config lock.
     * Does nothing when both exist (in cluster.conf or node.conf).
     *
     * @return the configuration after the write
     * @throws om.api.OmException when cluster.conf cannot be read, parsed or written
     */
    NodeConfig ensureIdentity();

    /**
     * Calls listener with the new configuration each time either file changes (checked every second or so while
     * a listener is registered, and at every {@link #current()}). Listeners run on the thread that noticed the
     * change (the settings poller or a caller of {@code current()}) and must not block.
     *
     * @return closing it removes the listener
     */
    AutoCloseable onChange(Consumer<NodeConfig> listener);
}
