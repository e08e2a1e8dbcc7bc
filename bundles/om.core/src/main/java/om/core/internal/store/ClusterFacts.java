package om.core.internal.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import om.api.ObjectPath;
import om.api.config.ConfigException;
import om.api.config.RawConfig;
import om.api.config.Values;
import om.core.internal.config.ConfigParser;
import om.core.internal.config.EvalContext;
import om.core.internal.config.EvaluatedConfig;
import om.core.internal.keywords.KeywordTables;

/**
 * The node and cluster facts object configs refer to: {@code cluster.name} and {@code cluster.nodes} from
 * {@code etc/cluster.conf}, {@code node.env} from {@code etc/node.conf} (which overlays cluster.conf).
 * A file that is missing or does not parse gives the defaults: cluster {@code default}, the local node alone.
 */
record ClusterFacts(String name, List<String> nodes, String nodeEnv, FileStamp clusterStamp, FileStamp nodeStamp) {
    static ClusterFacts read(Path clusterConf, Path nodeConf, String node, KeywordTables tables) throws IOException {
        FileStamp cs = FileStamp.ofOptional(clusterConf);
        FileStamp ns = FileStamp.ofOptional(nodeConf);
        EvaluatedConfig cluster = evaluate(clusterConf, cs, node, tables);
        EvaluatedConfig nodeCfg = evaluate(nodeConf, ns, node, tables);
        String name = value(nodeCfg, "cluster", "name");
        if (name == null) {
            name = value(cluster, "cluster", "name");
        }
        String nodes = value(nodeCfg, "cluster", "nodes");
        if (nodes == null) {
            nodes = value(cluster, "cluster", "nodes");
        }
        String env = value(nodeCfg, "node", "env");
        if (env == null) {
            env = value(cluster, "node", "env");
        }
        List<String> nodeList = nodes == null || nodes.isBlank() ? List.of(node) : Values.toList(nodes);
        return new ClusterFacts(name == null || name.isBlank() ? EvalContext.DEFAULT_CLUSTER_NAME : name.strip(),
                nodeList, env == null || env.isBlank() ? null : env.strip(), cs, ns);
    }

    boolean current(Path clusterConf, Path nodeConf) throws IOException {
        return FileStamp.same(clusterStamp, FileStamp.ofOptional(clusterConf)) && FileStamp.same(nodeStamp, FileStamp.ofOptional(nodeConf));
    }

    private static EvaluatedConfig evaluate(Path file, FileStamp stamp, String node, KeywordTables tables)
            throws IOException {
        if (stamp == null) {
            return null;
        }
        try {
            RawConfig raw = ConfigParser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            EvalContext ctx = EvalContext.standalone(ObjectPath.parse("cluster"), node, null);
            return new EvaluatedConfig(file, stamp.mtime(), raw, ctx, tables);
        } catch (ConfigException e) {
            return null;
        }
    }

    private static String value(EvaluatedConfig cfg, String section, String key) {
        if (cfg == null) {
            return null;
        }
        try {
            return cfg.get(section, key).orElse(null);
        } catch (ConfigException e) {
            return null;
        }
    }
}
