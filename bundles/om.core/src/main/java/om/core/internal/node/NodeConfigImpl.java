package om.core.internal.node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import om.api.config.ConfigException;
import om.api.config.Keyword;
import om.api.config.RawSection;
import om.api.config.Values;
import om.api.node.NodeConfig;
import om.core.internal.config.EvaluatedConfig;
import om.core.internal.keywords.NodeKeywords;

/**
 * One read of cluster.conf and node.conf, each evaluated as the node by the object evaluator (scopes,
 * references); node.conf wins for a key it writes.
 */
final class NodeConfigImpl implements NodeConfig {
    private final String nodename;
    private final String stamp;
    private final EvaluatedConfig cluster;
    private final EvaluatedConfig node;
    /** No section: evaluates the table defaults (references such as {@code {clusternodes}} in them). */
    private final EvaluatedConfig base;
    private final List<String> issues;

    NodeConfigImpl(String nodename, String stamp, EvaluatedConfig cluster, EvaluatedConfig node,
                   EvaluatedConfig base, List<String> issues) {
        this.nodename = nodename;
        this.stamp = stamp;
        this.cluster = cluster;
        this.node = node;
        this.base = base;
        this.issues = List.copyOf(issues);
    }

    @Override
    public String nodename() {
        return nodename;
    }

    @Override
    public String stamp() {
        return stamp;
    }

    @Override
    public String clusterName() {
        return nonBlank("cluster", "name").orElse("default");
    }

    @Override
    public String clusterId() {
        return nonBlank("cluster", "id").orElse("");
    }

    @Override
    public List<String> clusterNodes() {
        List<String> nodes = nonBlank("cluster", "nodes").map(Values::toNodeList).orElse(List.of());
        return nodes.isEmpty() ? List.of(nodename) : nodes;
    }

    @Override
    public List<String> drpNodes() {
        return nonBlank("cluster", "drpnodes").map(Values::toNodeList).orElse(List.of());
    }

    @Override
    public String secret() {
        return nonBlank("cluster", "secret").orElse("");
    }

    @Override
    public boolean quorum() {
        return getBool("cluster", "quorum", false);
    }

    @Override
    public String env() {
        return nonBlank("node", "env").orElse("TST");
    }

    private Optional<String> nonBlank(String section, String key) {
        return get(section, key).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public Optional<String> get(String section, String key) {
        Optional<String> v = written(node, section, key);
        if (v.isEmpty()) {
            v = written(cluster, section, key);
        }
        return v.isPresent() ? v : tableDefault(section, key);
    }

    /**
     * The default of the keyword tables ({@link NodeKeywords}), whether the section is written or not, evaluated
     * as this node; a heartbeat's defaults depend on its effective type.
     */
    private Optional<String> tableDefault(String section, String key) {
        String type = key.equals("type") ? null : get(section, "type").orElse(null);
        String d = NodeKeywords.keyword(section, key, type).map(Keyword::defaultValue).orElse(null);
        if (d == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(base.expand(section, d));
        } catch (ConfigException e) {
            // the table's own references always evaluate; as written if one ever does not
            return Optional.of(d);
        }
    }

    /** Only what is written, as this node sees it (scopes); the defaults come from the tables after both files. */
    private static Optional<String> written(EvaluatedConfig cfg, String section, String key) {
        if (cfg == null || !cfg.hasSection(section)) {
            return Optional.empty();
        }
        try {
            return cfg.isWritten(section, key) ? cfg.get(section, key) : Optional.empty();
        } catch (ConfigException e) {
            // a reference that cannot be evaluated: as if not written, the default applies
            return Optional.empty();
        }
    }

    @Override
    public boolean isWritten(String section, String key) {
        return written(node, section, key).isPresent() || written(cluster, section, key).isPresent();
    }

    @Override
    public boolean hasSection(String section) {
        return (node != null && node.hasSection(section)) || (cluster != null && cluster.hasSection(section));
    }

    @Override
    public List<String> sections() {
        Set<String> out = new LinkedHashSet<>();
        for (EvaluatedConfig c : new EvaluatedConfig[] {cluster, node}) {
            if (c != null) {
                // DEFAULT is not a node config section: it only carries the cluster nodes for @nodes scopes
                c.raw().sections().stream().map(RawSection::name).filter(n -> !n.equals("DEFAULT")).forEach(out::add);
            }
        }
        return new ArrayList<>(out);
    }

    @Override
    public NodeConfig asNode(String other) {
        return new NodeConfigImpl(other, stamp, cluster == null ? null : cluster.asNode(other),
                node == null ? null : node.asNode(other), base.asNode(other), issues);
    }

    @Override
    public List<String> issues() {
        return issues;
    }

    @Override
    public String toString() {
        return "NodeConfig[" + nodename + ", " + stamp + "]";
    }
}
