package om.api.daemon;

import java.util.List;

/** The {@code cluster} member of the dataset: name, id, member nodes, whether quorum votes are enabled. */
public record ClusterIdentity(String name, String id, List<String> nodes, boolean quorum) {
    public ClusterIdentity {
        nodes = List.copyOf(nodes);
    }
}
