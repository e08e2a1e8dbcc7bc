package om.api.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import om.api.ObjectPath;
import org.osgi.annotation.versioning.ProviderType;

/** The installed object configurations under {@code etc/}. All writes are atomic. */
@ProviderType
public interface ObjectStore {
    // Every write is a read-modify-write under the file's config lock (om.api.io.AtomicFile for the write), so
    // concurrent writers (threads, CLI processes, the daemon) never lose each other's changes.

    /** Every installed object, sorted by canonical path. */
    List<ObjectPath> list();

    boolean exists(ObjectPath path);

    /** Where the object's config lives (whether or not it exists). */
    Path configFile(ObjectPath path);

    /**
     * Loads and evaluates the config as the local node.
     *
     * @throws ConfigException on syntax errors (file:line)
     */
    Optional<ObjectConfig> load(ObjectPath path);

    /**
     * A loader for many objects in a row, as one consistent read: what every config depends on (node.conf,
     * cluster.conf) is read once for the batch. Use one per selection, not across commands.
     */
    default java.util.function.Function<ObjectPath, Optional<ObjectConfig>> batchLoader() {
        return this::load;
    }

    /** Full validation: syntax, sections, keywords, values, required keywords, references. */
    List<ConfigIssue> validate(ObjectPath path);

    /** Validates text as the config of path without installing it. */
    List<ConfigIssue> validate(ObjectPath path, String text);

    /** Installs a config (atomic); refuses an invalid one. */
    void write(ObjectPath path, RawConfig config);

    /**
     * Installs a config given as text, kept as written (comments, order), with an {@code id} added to DEFAULT when
     * it has none; validated first, written atomically.
     */
    default void install(ObjectPath path, String text) {
        write(path, parse(configFile(path).toString(), text));
    }

    /**
     * Sets or removes keywords of an installed config, leaving the rest of the file (comments, order, layout) as
     * written; the result is validated first and written atomically.
     */
    default void change(ObjectPath path, java.util.List<KeywordChange> changes) {
        RawConfig raw = load(path).orElseThrow(() -> new om.api.OmException(path.canonical() + ": object not found"))
                .raw();
        for (KeywordChange c : changes) {
            raw = c.removes() ? raw.without(c.section(), c.key(), c.scope())
                    : raw.with(c.section(), c.key(), c.scope(), c.value());
        }
        write(path, raw);
    }

    /**
     * Removes the config file and the object's var dir, holding the object's action lock (so never under a
     * running action) and its config lock, and writes the object's tombstone ({@link #deletedAt}) when there was
     * a config. Does not wait: fails at once when an action holds the lock.
     *
     * @throws om.api.OmException {@code <path>: timed out waiting for lock (held by <action>, pid <pid>)}
     */
    void delete(ObjectPath path);

    /** {@link #delete(ObjectPath)} waiting at most waitlock for the action lock ({@code --waitlock}). */
    default void delete(ObjectPath path, java.time.Duration waitlock) {
        delete(path);
    }

    /**
     * The order of two versions of one config, the same on every node so that concurrent changes converge: the
     * newer mtime wins, compared to the millisecond (what the node data carries between nodes); at the same
     * millisecond the greater checksum wins.
     *
     * @return negative when version 1 loses to version 2, 0 when they are the same version, positive when it wins
     */
    static int compareVersions(java.time.Instant mtime1, String checksum1, java.time.Instant mtime2,
                               String checksum2) {
        int c = Long.compare(mtime1.toEpochMilli(), mtime2.toEpochMilli());
        return c != 0 ? c : checksum1.compareTo(checksum2);
    }

    /**
     * Config replication: installs a peer's copy of a config byte for byte, with the peer's mtime, atomically and
     * under the config lock, after checking there (so that a concurrent local write is never overwritten by an
     * older copy) that the local file loses to the copy ({@link #compareVersions}) and that the object was not
     * deleted here at or after mtime (to the millisecond). The
     * content is validated as the local node's first; an invalid one is refused ({@link ConfigException}).
     *
     * @return whether it was installed
     */
    default boolean replicate(ObjectPath path, byte[] content, java.time.Instant mtime) {
        throw new UnsupportedOperationException("config replication");
    }

    /**
     * Config replication: {@link #delete(ObjectPath)} of an object deleted on a peer at deletedAt, done only if the
     * local config (checked under the locks) is not newer than deletedAt (to the millisecond: a deletion wins over
     * a config of the same millisecond); the local tombstone then says deletedAt too.
     *
     * @return whether it was deleted
     */
    default boolean deleteReplicated(ObjectPath path, java.time.Instant deletedAt) {
        throw new UnsupportedOperationException("config replication");
    }

    /**
     * Config replication: removes the local config and var dir of an object whose newer config on a peer (mtime,
     * checksum) no longer has this node in its scope, under the same locks as {@link #delete(ObjectPath)} (so
     * never under a running action: fails at once when one holds the lock), only if the local config (checked
     * under the locks) still loses to that version ({@link #compareVersions}). Writes no tombstone: the object
     * lives on in its scope, and a tombstone would delete it on the nodes still there.
     *
     * @return whether it was removed
     * @throws om.api.OmException when an action holds the object's lock
     */
    default boolean removeOutOfScope(ObjectPath path, java.time.Instant newerMtime, String newerChecksum) {
        throw new UnsupportedOperationException("config replication");
    }

    /**
     * When the object was deleted on this node: the mtime of its tombstone {@code var/deleted/<canonical path>},
     * written by every delete and kept (7 days) so that a peer still holding the object does not bring it back.
     */
    default Optional<java.time.Instant> deletedAt(ObjectPath path) {
        return Optional.empty();
    }

    /** Renders a raw config back to text, keeping order. */
    String render(RawConfig config);

    /** Parses text (file name used in error messages). */
    RawConfig parse(String fileName, String text);
}
