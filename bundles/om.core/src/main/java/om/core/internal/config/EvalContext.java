package om.core.internal.config;

import java.nio.file.Path;
import java.util.List;
import om.api.ObjectPath;

/**
 * What an evaluation needs beyond the file: the object, the node evaluated as, cluster facts
 * ({@code etc/cluster.conf}) and the object var dir.
 *
 * @param nodeEnv the node's {@code env} (node.conf), the default of DEFAULT.env; null for the table default
 */
public record EvalContext(ObjectPath path, String node, String clusterName, List<String> clusterNodes,
                          String nodeEnv, Path varDir) {
    public static final String DEFAULT_CLUSTER_NAME = "default";

    public EvalContext {
        clusterNodes = List.copyOf(clusterNodes);
    }

    /** A context for a node alone in a cluster named {@code default}. */
    public static EvalContext standalone(ObjectPath path, String node, Path varDir) {
        return new EvalContext(path, node, DEFAULT_CLUSTER_NAME, List.of(node), null, varDir);
    }

    public EvalContext withNode(String other) {
        return new EvalContext(path, other, clusterName, clusterNodes, nodeEnv, varDir);
    }

    public String shortNode() {
        int dot = node.indexOf('.');
        return dot < 0 ? node : node.substring(0, dot);
    }
}
