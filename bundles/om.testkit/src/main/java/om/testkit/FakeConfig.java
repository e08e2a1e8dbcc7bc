package om.testkit;

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
 * An object config held as sections of written values. With {@code resolve}, reads go through the keyword table
 * like the core's: a value written under the keyword's name or an alias answers, else the keyword default.
 * Without it, reads return exactly what was written (the table still answers {@link #keyword}).
 * A value written as {@code null} reads as unset but counts as written, so it also hides the default.
 */
final class FakeConfig implements ObjectConfig {
    private final ObjectPath path;
    private final String node;
    private final List<Keyword> keywords;
    private final boolean resolve;
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();

    FakeConfig(ObjectPath path, String node, List<Keyword> keywords, boolean resolve) {
        this.path = path;
        this.node = node;
        this.keywords = List.copyOf(keywords);
        this.resolve = resolve;
    }

    /** The written values of a section, created empty on first use; live, so tests can change them. */
    Map<String, String> section(String rid) {
        return sections.computeIfAbsent(rid, k -> new LinkedHashMap<>());
    }

    @Override
    public ObjectPath path() {
        return path;
    }

    @Override
    public Path file() {
        return null;
    }

    @Override
    public Instant mtime() {
        return Instant.EPOCH;
    }

    @Override
    public RawConfig raw() {
        return new RawConfig(List.of());
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public List<String> rids() {
        return List.copyOf(sections.keySet());
    }

    @Override
    public Optional<String> get(String section, String key) {
        Map<String, String> written = sections.get(section);
        if (written == null) {
            return Optional.empty();
        }
        Optional<Keyword> kw = resolve ? keyword(section, key) : Optional.empty();
        List<String> names = new ArrayList<>(List.of(key));
        kw.ifPresent(k -> {
            names.add(k.name());
            names.addAll(k.aliases());
        });
        for (String name : names) {
            if (written.containsKey(name)) {
                return Optional.ofNullable(written.get(name));
            }
        }
        return kw.map(Keyword::defaultValue);
    }

    @Override
    public boolean isWritten(String section, String key) {
        Map<String, String> written = sections.get(section);
        return written != null && written.containsKey(key);
    }

    @Override
    public Optional<Keyword> keyword(String section, String key) {
        return keywords.stream().filter(k -> k.answersTo(key)).findFirst();
    }

    @Override
    public String expand(String section, String text) {
        return text;
    }
}
