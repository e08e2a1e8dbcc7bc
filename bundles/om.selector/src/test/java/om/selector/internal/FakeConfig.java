package om.selector.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import om.api.ObjectPath;
import om.api.config.ConfigException;
import om.api.config.Keyword;
import om.api.config.KeywordType;
import om.api.config.ObjectConfig;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import om.api.config.Values;

/**
 * A small ObjectConfig for tests: scoping {@code key@<node>} > {@code key@nodes} > unscoped > defaults
 * ({@code DEFAULT.<key>} for the header, {@code *.<key>} for any resource section); {@code {env.x}} and
 * {@code {name}} references, a missing env key being a ConfigException.
 */
public final class FakeConfig implements ObjectConfig {
    private static final Pattern REF = Pattern.compile("\\{(env\\.)?([a-z0-9_]+)}");
    private static final Map<String, KeywordType> TYPES = Map.of(
            "monitor_action", KeywordType.LIST, "priority", KeywordType.INT, "comment", KeywordType.STRING);

    private final ObjectPath path;
    private final String node;
    private final RawConfig raw;
    private final Map<String, String> defaults;

    public FakeConfig(ObjectPath path, String node, RawConfig raw, Map<String, String> defaults) {
        this.path = path;
        this.node = node;
        this.raw = raw;
        this.defaults = defaults;
    }

    /** A tiny INI reader: {@code [section]}, {@code key[@scope] = value}. */
    public static RawConfig parseIni(String text) {
        List<RawSection> sections = new ArrayList<>();
        String name = null;
        List<RawEntry> entries = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            String t = line.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("[")) {
                if (name != null) {
                    sections.add(new RawSection(name, 0, entries));
                }
                name = t.substring(1, t.length() - 1);
                entries = new ArrayList<>();
                continue;
            }
            int eq = t.indexOf('=');
            String k = t.substring(0, eq).trim();
            String v = t.substring(eq + 1).trim();
            int at = k.indexOf('@');
            entries.add(at < 0 ? new RawEntry(k, null, v, lineNo)
                    : new RawEntry(k.substring(0, at), k.substring(at + 1), v, lineNo));
        }
        if (name != null) {
            sections.add(new RawSection(name, 0, entries));
        }
        return new RawConfig(sections);
    }

    @Override
    public ObjectPath path() {
        return path;
    }

    @Override
    public Path file() {
        return Path.of("/fake", path.fqn() + ".conf");
    }

    @Override
    public Instant mtime() {
        return Instant.EPOCH;
    }

    @Override
    public RawConfig raw() {
        return raw;
    }

    @Override
    public String node() {
        return node;
    }

    @Override
    public List<String> rids() {
        return raw.sections().stream().map(RawSection::name)
                .filter(n -> n.contains("#") && !n.startsWith("subset#")).toList();
    }

    @Override
    public Optional<String> get(String section, String key) {
        Optional<RawEntry> e = applying(section, key);
        if (e.isPresent()) {
            return Optional.of(expand(section, e.get().value()));
        }
        String def = defaults.get((section.contains("#") ? "*" : section) + "." + key);
        return Optional.ofNullable(def);
    }

    private Optional<RawEntry> applying(String section, String key) {
        Optional<RawSection> s = raw.section(section);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        RawEntry unscoped = null;
        RawEntry nodes = null;
        for (RawEntry e : s.get().entries()) {
            if (!e.key().equals(key)) {
                continue;
            }
            if (e.scope() == null) {
                unscoped = e;
            } else if (e.scope().equals(node)) {
                return Optional.of(e);
            } else if (e.scope().equals("nodes") && nodeList().contains(node)) {
                nodes = e;
            }
        }
        return Optional.ofNullable(nodes != null ? nodes : unscoped);
    }

    private List<String> nodeList() {
        return raw.section("DEFAULT").flatMap(s -> s.entry("nodes")).map(e -> Values.toList(e.value()))
                .orElse(List.of(node));
    }

    @Override
    public boolean isWritten(String section, String key) {
        return applying(section, key).isPresent();
    }

    @Override
    public Optional<Keyword> keyword(String section, String key) {
        KeywordType t = TYPES.get(key);
        return t == null ? Optional.empty() : Optional.of(Keyword.of(key, t, null, "test"));
    }

    @Override
    public String expand(String section, String text) {
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(1) != null) {
                value = applying("env", m.group(2))
                        .orElseThrow(() -> new ConfigException(file() + ": " + section + ": no env." + m.group(2)))
                        .value();
            } else if (m.group(2).equals("name")) {
                value = path.name();
            } else {
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
