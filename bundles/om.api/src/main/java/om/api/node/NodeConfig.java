package om.api.node;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import om.api.config.Values;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One consistent read of the effective node configuration: {@code etc/cluster.conf} overlaid by
 * {@code etc/node.conf} (a key written in both takes the node.conf value), scopes ({@code key@<node>}) and
 * references evaluated as for objects. Immutable; {@link NodeSettings#current()} gives a new one when either
 * file changed.
 */
@ProviderType
public interface NodeConfig {
    /** The node the values are evaluated for (the local node unless {@link #asNode}). */
    String nodename();

    /** Identifies the file versions read; equal stamps mean equal content. */
    String stamp();

    /** {@code cluster.name}, default {@code default}. */
    String clusterName();

    /** {@code cluster.id}, empty until the daemon's first start generates it. */
    String clusterId();

    /** {@code cluster.nodes} (blanks or commas, see {@link Values#toNodeList}), default the local node alone. */
    List<String> clusterNodes();

    /** {@code cluster.drpnodes}, default none. */
    List<String> drpNodes();

    /** {@code cluster.secret}, empty until the daemon's first start generates it. */
    String secret();

    /** {@code cluster.quorum}, default false. */
    boolean quorum();

    /** {@code node.env}, default {@code TST}. */
    String env();

    /**
     * The effective value of {@code section.key}: node.conf's if written there for this node, else cluster.conf's,
     * else the keyword table default (heartbeats-and-daemon sections 1 and 3), whether the section is written or
     * not: {@code get("listener", "port")} is {@code 1215}, {@code get("hb#1", "interval")} is {@code 5s}, and
     * {@code get("hb#1", "addr")} follows {@code hb#1.type} ({@code 0.0.0.0} unicast, {@code 224.3.29.71} multicast).
     * Empty for a keyword without default that is not written, and for keywords no table has.
     */
    Optional<String> get(String section, String key);

    /** Whether {@code section.key} is written (for this node) in either file. */
    boolean isWritten(String section, String key);

    /** Whether either file has the section (e.g. {@code [syslog]} switches syslog on). */
    boolean hasSection(String section);

    /** Section names of both files, cluster.conf's first, each once, in file order. */
    List<String> sections();

    /** The same files evaluated as another node (for a peer's value). */
    NodeConfig asNode(String node);

    /**
     * Why a file was not used as written, one line each (a file that does not parse is ignored: the last good
     * version read of it, else nothing, stands in for it).
     */
    List<String> issues();

    default String getOrDefault(String section, String key, String fallback) {
        return get(section, key).orElse(fallback);
    }

    /** A boolean value; a value that is not one gives fallback. */
    default boolean getBool(String section, String key, boolean fallback) {
        return get(section, key).flatMap(Values::parseBool).orElse(fallback);
    }

    /** A duration value ({@code 5s}, {@code 1m30s}); a value that is not one gives fallback. */
    default Duration getDuration(String section, String key, Duration fallback) {
        return get(section, key).flatMap(Values::parseDuration).orElse(fallback);
    }

    /** An integer value; a value that is not one gives fallback. */
    default long getInt(String section, String key, long fallback) {
        return get(section, key).flatMap(Values::parseInt).orElse(fallback);
    }

    /** A blank-separated list. */
    default List<String> getList(String section, String key) {
        return get(section, key).map(Values::toList).orElse(List.of());
    }
}
