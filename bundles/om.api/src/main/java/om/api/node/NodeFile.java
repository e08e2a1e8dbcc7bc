package om.api.node;

/**
 * The two files of the node configuration, both under {@code etc/}: {@code cluster.conf} (the {@code cluster}
 * object, the same on every node) and {@code node.conf} (this node's overrides, which win).
 */
public enum NodeFile {
    CLUSTER("cluster.conf"),
    NODE("node.conf");

    private final String fileName;

    NodeFile(String fileName) {
        this.fileName = fileName;
    }

    /** {@code cluster.conf} or {@code node.conf}. */
    public String fileName() {
        return fileName;
    }
}
