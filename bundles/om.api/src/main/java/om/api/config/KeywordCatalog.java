package om.api.config;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The keyword tables as deployed now, for {@code om <path> config doc}: the {@code [DEFAULT]} section, the
 * keywords common to every resource section, and each deployed driver's own keywords. Driver tables come and
 * go with their bundles, so callers ask at each use and keep nothing.
 */
@ProviderType
public interface KeywordCatalog {
    /** The {@code [DEFAULT]} section keywords. */
    List<Keyword> header();

    /** Keywords valid in every resource section (type, disable, tags, triggers, requirements...). */
    List<Keyword> resourceCommon();

    /**
     * The keywords of driver {@code <group>.<type>} beyond the common ones; empty when that driver is not
     * deployed. A null {@code type} means the group's default type.
     */
    Optional<List<Keyword>> driver(String group, String type);

    /** The deployed drivers, {@code <group>.<type>}, sorted. */
    List<String> driverIds();

    /** The {@code [subset#<group>:<name>]} section keywords. */
    default List<Keyword> subset() {
        return List.of();
    }

    /**
     * The sections of {@code etc/cluster.conf} and {@code etc/node.conf}, as documented: {@code cluster},
     * {@code node}, {@code hb#<n>}, {@code arbitrator#<n>}, {@code stonith#<node>}, {@code listener},
     * {@code syslog}, {@code log}.
     */
    default List<String> nodeSections() {
        return List.of();
    }

    /**
     * The keywords of a node config section ({@code hb#1} or {@code hb#<n>} alike); {@code type} matters for
     * {@code [hb#<n>]} only ({@code unicast}, {@code multicast}; null: every heartbeat keyword). Empty for a
     * section no node config file has.
     */
    default List<Keyword> nodeSection(String section, String type) {
        return List.of();
    }
}
