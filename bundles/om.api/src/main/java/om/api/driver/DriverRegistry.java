package om.api.driver;

import java.util.Collection;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The drivers deployed now. Drivers come and go with their bundles (hot deploy); callers look them up
 * at each use and never keep one.
 */
@ProviderType
public interface DriverRegistry {
    /** The driver of {@code <group>.<type>}, if deployed. */
    Optional<ResourceDriver> find(String group, String type);

    /** Every deployed driver. */
    Collection<ResourceDriver> all();

    /** Incremented each time a driver arrives or leaves. */
    long generation();

    /** The default type of a driver group when a section does not write {@code type}, null when required. */
    static String defaultType(String group) {
        return switch (group) {
            case "ip", "task" -> "host";
            case "app" -> "forking";
            case "sync" -> "rsync";
            case "share" -> "nfs";
            case "container" -> "podman";
            default -> null;
        };
    }

    /** The driver groups, in start order then sync and task. */
    java.util.List<String> GROUPS = java.util.List.of("ip", "disk", "fs", "share", "container", "app", "sync", "task");
}
