package om.core.internal.driver;

import java.util.List;
import java.util.Optional;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;

/**
 * A resource section read through the common resource keywords (objects-and-config section 7): what the
 * status evaluation and the action engine need to know before asking the driver anything.
 *
 * @param type     the driver type, written or the group default; null when neither exists
 * @param optional {@code optional = true} or tagged {@code noaction}
 */
public record ResourceSpec(String rid, String group, String type, String subset, List<String> tags,
                           boolean disable, boolean optional, boolean standby, boolean monitor, int restart) {
    public static final String NOACTION = "noaction";
    public static final String NOSTATUS = "nostatus";

    public ResourceSpec {
        tags = List.copyOf(tags);
    }

    /**
     * Reads the common keywords of {@code rid}.
     *
     * @throws om.api.config.ConfigException when a value references something missing
     */
    public static ResourceSpec read(ObjectConfig cfg, String rid) {
        int i = rid.indexOf('#');
        String group = i > 0 ? rid.substring(0, i) : rid;
        String type = cfg.get(rid, "type").filter(t -> !t.isBlank()).orElse(DriverRegistry.defaultType(group));
        List<String> tags = cfg.get(rid, "tags").map(Values::toList).orElse(List.of());
        String subset = cfg.get(rid, "subset").filter(s -> !s.isBlank()).orElse(null);
        boolean optional = bool(cfg, rid, "optional") || tags.contains(NOACTION);
        int restart = cfg.get(rid, "restart").flatMap(Values::parseInt).map(Long::intValue).orElse(0);
        return new ResourceSpec(rid, group, type, subset, tags, bool(cfg, rid, "disable"), optional,
                bool(cfg, rid, "standby"), bool(cfg, rid, "monitor"),
                // the daemon tries a standby resource at least twice before giving up (objects-and-config 7)
                bool(cfg, rid, "standby") ? Math.max(2, restart) : Math.max(0, restart));
    }

    /** A boolean keyword; an unreadable value counts as false (validation reports it, not the runtime). */
    public static boolean bool(ObjectConfig cfg, String section, String key) {
        return cfg.get(section, key).flatMap(Values::parseBool).orElse(false);
    }

    /** The part of the rid after {@code #}. */
    public String index() {
        int i = rid.indexOf('#');
        return i >= 0 ? rid.substring(i + 1) : rid;
    }

    /** {@code <group>.<type>}, or the group alone when no type is known. */
    public String driverId() {
        return type == null ? group : group + "." + type;
    }

    public boolean noaction() {
        return tags.contains(NOACTION);
    }

    public boolean nostatus() {
        return tags.contains(NOSTATUS);
    }

    /** The deployed driver of this resource, looked up now. */
    public Optional<ResourceDriver> driver(DriverRegistry registry) {
        return type == null ? Optional.empty() : registry.find(group, type);
    }
}
