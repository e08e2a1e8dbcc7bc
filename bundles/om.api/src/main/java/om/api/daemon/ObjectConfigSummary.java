package om.api.daemon;

import java.time.Instant;
import java.util.List;

/**
 * What a node tells the cluster about one object config it holds: enough to notice a newer copy elsewhere
 * (config replication), not the config itself.
 *
 * @param scope    the object's nodes
 * @param checksum digest of the file content, empty when not known
 * @param mtime    the file's modification time
 */
public record ObjectConfigSummary(List<String> scope, String checksum, Instant mtime) {
    public ObjectConfigSummary {
        scope = List.copyOf(scope);
    }
}
