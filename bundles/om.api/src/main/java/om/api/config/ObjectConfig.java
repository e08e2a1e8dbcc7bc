package om.api.config;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import om.api.ObjectPath;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An object's configuration evaluated as one node: scoping, references and keyword defaults
 * applied on read. Immutable snapshot of the file it was read from.
 */
@ProviderType
public interface ObjectConfig {
    ObjectPath path();

    /** The config file. */
    Path file();

    /** Modification time of the file when read. */
    Instant mtime();

    /** The file as written. */
    RawConfig raw();

    /**
     * SHA-256 of the file's bytes as read, 64 lower-case hex characters: equal checksums mean equal files (the
     * dataset compares configs across nodes with it). The default reads the file now; the store's configs give
     * the checksum of the very bytes they were evaluated from.
     */
    default String checksum() {
        try {
            return Values.sha256(java.nio.file.Files.readAllBytes(file()));
        } catch (java.io.IOException e) {
            throw new om.api.OmException("cannot read " + file() + ": " + e.getMessage());
        }
    }

    /** The node the values are evaluated for. */
    String node();

    /** Resource section names (rids) in file order, excluding DEFAULT, env, subset sections. */
    List<String> rids();

    /**
     * The effective value of {@code section.key} on {@link #node()}: the best-ranked scoped value, else
     * the unscoped one, else the keyword default; references evaluated.
     *
     * @throws ConfigException when a reference cannot be evaluated
     */
    Optional<String> get(String section, String key);

    /** Whether {@code section.key} is written for {@link #node()} (unscoped or with an applying scope). */
    boolean isWritten(String section, String key);

    /** The keyword table entry for {@code section.key}, if the section's driver knows it. */
    Optional<Keyword> keyword(String section, String key);

    /** Evaluates the references in a string as if read in {@code section}. */
    String expand(String section, String text);

    default String getOrDefault(String section, String key, String fallback) {
        return get(section, key).orElse(fallback);
    }

    default boolean getBool(String section, String key) {
        return get(section, key).map(Values::toBool).orElse(false);
    }

    default List<String> getList(String section, String key) {
        return get(section, key).map(Values::toList).orElse(List.of());
    }
}
