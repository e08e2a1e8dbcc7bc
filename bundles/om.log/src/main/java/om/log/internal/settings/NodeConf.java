package om.log.internal.settings;

import java.util.Optional;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;

/**
 * The effective node configuration for one node: {@code node.conf} overlaid on {@code cluster.conf}, a value
 * scoped {@code @<node>} winning over the unscoped one in the same file. Either file may be absent (null).
 */
record NodeConf(RawConfig cluster, RawConfig node, String nodename) {
    Optional<String> value(String section, String key) {
        Optional<String> v = value(node, section, key);
        return v.isPresent() ? v : value(cluster, section, key);
    }

    boolean hasSection(String section) {
        return (node != null && node.section(section).isPresent())
                || (cluster != null && cluster.section(section).isPresent());
    }

    private Optional<String> value(RawConfig config, String section, String key) {
        if (config == null) {
            return Optional.empty();
        }
        Optional<RawSection> s = config.section(section);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String plain = null;
        for (RawEntry e : s.get().entries()) {
            if (!e.key().equals(key)) {
                continue;
            }
            if (nodename.equals(e.scope())) {
                return Optional.of(e.value().strip());
            }
            if (e.scope() == null) {
                plain = e.value().strip();
            }
        }
        return Optional.ofNullable(plain);
    }
}
