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
     * running action) and its config lock. Does not wait: fails at once when an action holds the lock.
     *
     * @throws om.api.OmException {@code <path>: timed out waiting for lock (held by <action>, pid <pid>)}
     */
    void delete(ObjectPath path);

    /** {@link #delete(ObjectPath)} waiting at most waitlock for the action lock ({@code --waitlock}). */
    default void delete(ObjectPath path, java.time.Duration waitlock) {
        delete(path);
    }

    /** Renders a raw config back to text, keeping order. */
    String render(RawConfig config);

    /** Parses text (file name used in error messages). */
    RawConfig parse(String fileName, String text);
}
