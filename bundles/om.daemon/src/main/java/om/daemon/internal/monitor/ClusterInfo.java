package om.daemon.internal.monitor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The cluster identity shown by daemon status: {@code [cluster]} name, id, nodes, quorum of etc/cluster.conf.
 * Only unscoped keys of that one section are read; the full configuration belongs to the config layer.
 */
record ClusterInfo(String name, String id, List<String> nodes, boolean quorum) {
    ClusterInfo {
        nodes = List.copyOf(nodes);
    }

    /**
     * The dataset's cluster member. The store helper's node/cluster settings service will be the one reader of
     * cluster.conf: switch to it when it lands (this reader sees only unscoped keys of [cluster]).
     */
    om.api.daemon.ClusterIdentity identity() {
        return new om.api.daemon.ClusterIdentity(name, id, nodes, quorum);
    }

    static ClusterInfo defaults(String nodename) {
        return new ClusterInfo("default", "", List.of(nodename), false);
    }

    /** Reads {@code file}; a missing or unreadable file gives the defaults. */
    static ClusterInfo read(Path file, String nodename) {
        ClusterInfo info = defaults(nodename);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return info;
        }
        boolean inCluster = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                inCluster = line.substring(1, line.length() - 1).strip().equals("cluster");
                continue;
            }
            int eq = line.indexOf('=');
            if (!inCluster || eq < 0 || Character.isWhitespace(raw.charAt(0))) {
                continue;
            }
            info = info.with(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return info;
    }

    private ClusterInfo with(String key, String value) {
        return switch (key) {
            case "name" -> new ClusterInfo(value, id, nodes, quorum);
            case "id" -> new ClusterInfo(name, value, nodes, quorum);
            case "nodes" -> new ClusterInfo(name, id, value.isEmpty() ? nodes
                    : Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList(), quorum);
            case "quorum" -> new ClusterInfo(name, id, nodes, Boolean.parseBoolean(value));
            default -> this;
        };
    }
}
