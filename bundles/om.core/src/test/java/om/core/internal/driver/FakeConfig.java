package om.core.internal.driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
import om.api.config.RawEntry;
import om.api.config.RawSection;

/** A config held in maps: no scoping, no references, no keyword defaults. Mutable for test setup. */
public final class FakeConfig implements ObjectConfig {
    private final ObjectPath path;
    private final Path file;
    private final String node;
    private final Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    private final Map<String, String> keywordDefaults = new LinkedHashMap<>();

    public FakeConfig(ObjectPath path, Path file, String node) {
        this.path = path;
        this.file = file;
        this.node = node;
        sections.put("DEFAULT", new LinkedHashMap<>());
    }

    public FakeConfig set(String section, String key, String value) {
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    /** Declares a resource section with no keywords. */
    public FakeConfig section(String section) {
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
        return this;
    }

    /** Simulates a driver keyword table default for {@code section.key}. */
    public FakeConfig keywordDefault(String section, String key, String value) {
        keywordDefaults.put(section + "." + key, value);
        return this;
    }

    /** Writes a placeholder config file so that it has an mtime. */
    public FakeConfig writeFile() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# test\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    @Override
    public ObjectPath path() {
        return path;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Instant mtime() {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    @Override
    public RawConfig raw() {
        List<RawSection> out = new ArrayList<>();
        sections.forEach((name, kv) -> {
            List<RawEntry> entries = new ArrayList<>();
            kv.forEach((k, v) -> entries.add(new RawEntry(k, null, v, 0)));
            out.add(new RawSection(name, 0, entries));
        });
        return new RawConfig(out);
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public List<String> rids() {
        return sections.keySet().stream().filter(s -> s.contains("#") && !s.startsWith("subset#")).toList();
    }

    @Override
    public Optional<String> get(String section, String key) {
        Map<String, String> kv = sections.get(section);
        if (kv != null && kv.containsKey(key)) {
            return Optional.of(kv.get(key));
        }
        return Optional.ofNullable(keywordDefaults.get(section + "." + key));
    }

    @Override
    public boolean isWritten(String section, String key) {
        Map<String, String> kv = sections.get(section);
        return kv != null && kv.containsKey(key);
    }

    @Override
    public Optional<Keyword> keyword(String section, String key) {
        String d = keywordDefaults.get(section + "." + key);
        return d == null ? Optional.empty() : Optional.of(Keyword.of(key, om.api.config.KeywordType.DURATION, d, ""));
    }

    @Override
    public String expand(String section, String text) {
        return text;
    }
}
