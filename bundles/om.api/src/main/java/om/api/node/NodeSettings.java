package om.api.node;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import om.api.config.ConfigIssue;
import om.api.config.KeywordChange;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The node and cluster settings service: the one reader of {@code etc/cluster.conf} and {@code etc/node.conf}.
 * Cheap to call often: the files are re-read only when their stamp (mtime, size, inode) changed.
 */
@ProviderType
public interface NodeSettings {
    // the methods added in 1.1 have defaults only so that test doubles of 1.0 still compile; om.core implements all
    /** The effective configuration now. */
    NodeConfig current();

    /** Where a file of the node configuration is ({@code <root>/etc/cluster.conf}, {@code <root>/etc/node.conf}). */
    default Path file(NodeFile which) {
        throw new UnsupportedOperationException("node config files not known here");
    }

    /**
     * Checks one file as written now against the keyword tables of heartbeats-and-daemon sections 1 and 3: syntax,
     * section names, keywords, values, scopes, references, required keywords (a keyword required in a section
     * may be written in the other file). Issues are sorted by line; those whose message starts with
     * {@code "warning: "} do not make the file unusable. A missing file has no issue.
     *
     * @throws om.api.OmException when the file exists but cannot be read
     */
    default List<ConfigIssue> validate(NodeFile which) {
        throw new UnsupportedOperationException("node config validation not available here");
    }

    /**
     * Changes keywords of one file as a read-modify-write under the config lock (concurrent writers, in this
     * process or another, never lose each other's changes), touching only the changed lines; the result is
     * validated first and written atomically with mode 0600 (cluster.conf holds the secret). A change that
     * would make the file invalid leaves it as it was. A missing file is created.
     *
     * @return the configuration after the write
     * @throws om.api.config.ConfigException when the result would not validate (the first problem in the message)
     * @throws om.api.OmException when the file cannot be read or written, or the lock not taken
     */
    default NodeConfig change(NodeFile which, List<KeywordChange> changes) {
        throw new UnsupportedOperationException("node config writes not available here");
    }

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
