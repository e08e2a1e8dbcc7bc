package om.orchestrator.internal.resources;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.config.Keyword;
import om.api.config.ObjectConfig;
import om.api.config.RawConfig;

/**
 * An object config of written values only (no keyword defaults: the resource rules apply their own), built with
 * {@code set("app#0", "restart", "2")}; sections other than DEFAULT are the rids, in the order first written.
 */
final class MapConfig implements ObjectConfig {
    private final ObjectPath path;
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    MapConfig(String path) {
        this.path = ObjectPath.parse(path);
    }

    MapConfig set(String section, String key, String value) {
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    public ObjectPath path() {
        return path;
    }

    public Path file() {
        return Path.of(path.name() + ".conf");
    }

    public Instant mtime() {
        return Instant.EPOCH;
    }

    public RawConfig raw() {
        return new RawConfig(List.of());
    }

    public String node() {
        return "n1";
    }

    public List<String> rids() {
        List<String> out = new ArrayList<>(sections.keySet());
        out.remove("DEFAULT");
        return out;
    }

    public Optional<String> get(String section, String key) {
        return Optional.ofNullable(sections.getOrDefault(section, Map.of()).get(key));
    }

    public boolean isWritten(String section, String key) {
        return get(section, key).isPresent();
    }

    public Optional<Keyword> keyword(String section, String key) {
        return Optional.empty();
    }

    public String expand(String section, String text) {
        return text;
    }
}
