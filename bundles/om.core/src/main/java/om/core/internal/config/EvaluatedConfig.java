package om.core.internal.config;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import om.api.ObjectPath;
import om.api.config.ConfigException;
import om.api.config.Keyword;
import om.api.config.ObjectConfig;
import om.api.config.RawConfig;
import om.api.config.RawEntry;
import om.api.config.RawSection;
import om.api.config.Values;
import om.api.driver.DriverRegistry;
import om.core.internal.keywords.KeywordTables;
import om.core.internal.keywords.SectionNames;

/**
 * An object configuration evaluated as one node (objects-and-config sections 5 and 6). Immutable apart from
 * the lazily filled cache of effective values, which only ever holds what a fresh evaluation would return.
 */
public final class EvaluatedConfig implements ObjectConfig {
    private static final String NODES = "nodes";
    private static final String DRPNODES = "drpnodes";

    private final Path file;
    private final Instant mtime;
    private final RawConfig raw;
    private final EvalContext ctx;
    private final KeywordTables tables;
    private final Map<String, Map<String, List<RawEntry>>> index;
    private final List<String> rids;
    private final References references;
    private final Map<String, Result> cache = new ConcurrentHashMap<>();
    private final String checksum;

    /** One cached evaluation: a value (null when unset) or the error it raised. */
    private record Result(String value, ConfigException error) {
        Optional<String> get() {
            if (error != null) {
                throw error;
            }
            return Optional.ofNullable(value);
        }
    }

    public EvaluatedConfig(Path file, Instant mtime, RawConfig raw, EvalContext ctx, KeywordTables tables) {
        this(file, mtime, raw, ctx, tables, null);
    }

    /** @param checksum SHA-256 hex of the bytes raw was parsed from; null to compute it from the file on demand */
    public EvaluatedConfig(Path file, Instant mtime, RawConfig raw, EvalContext ctx, KeywordTables tables,
                           String checksum) {
        this.checksum = checksum;
        this.file = file;
        this.mtime = mtime;
        this.raw = raw;
        this.ctx = ctx;
        this.tables = tables;
        Map<String, Map<String, List<RawEntry>>> idx = new LinkedHashMap<>();
        List<String> r = new ArrayList<>();
        for (RawSection s : raw.sections()) {
            Map<String, List<RawEntry>> keys = new LinkedHashMap<>();
            for (RawEntry e : s.entries()) {
                keys.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
            }
            keys.replaceAll((k, v) -> List.copyOf(v));
            idx.put(s.name(), Collections.unmodifiableMap(keys));
            if (ctx.path().kind().hasResources() && SectionNames.isResource(s.name())
                    && !SectionNames.CONFIG_SYNC_RID.equals(s.name())) {
                r.add(s.name());
            }
        }
        this.index = Collections.unmodifiableMap(idx);
        this.rids = List.copyOf(r);
        this.references = new References(this);
    }

    /** The same file evaluated as another node (for a peer's value). */
    public EvaluatedConfig asNode(String node) {
        return new EvaluatedConfig(file, mtime, raw, ctx.withNode(node), tables, checksum);
    }

    @Override
    public ObjectPath path() {
        return ctx.path();
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Instant mtime() {
        return mtime;
    }

    @Override
    public RawConfig raw() {
        return raw;
    }

    @Override
    public String checksum() {
        return checksum != null ? checksum : ObjectConfig.super.checksum();
    }

    @Override
    public String node() {
        return ctx.node();
    }

    EvalContext context() {
        return ctx;
    }

    @Override
    public List<String> rids() {
        return rids;
    }

    public boolean hasSection(String section) {
        return index.containsKey(section);
    }

    @Override
    public Optional<String> get(String section, String key) {
        String ck = section + '\u0000' + key;
        Result r = cache.get(ck);
        if (r == null) {
            try {
                r = new Result(resolve(section, key, new Frames()), null);
            } catch (ConfigException e) {
                r = new Result(null, e);
            }
            // not computeIfAbsent: evaluation re-enters get() through references
            cache.putIfAbsent(ck, r);
        }
        return r.get();
    }

    @Override
    public boolean isWritten(String section, String key) {
        return pick(section, key, new Frames()) != null;
    }

    boolean isWritten(String section, String key, Frames frames) {
        return pick(section, key, frames) != null;
    }

    @Override
    public Optional<Keyword> keyword(String section, String key) {
        return tables.keyword(section, key, writtenType(section));
    }

    @Override
    public String expand(String section, String text) {
        return references.expand(section, text, new Frames());
    }

    /** The raw unscoped {@code type} of a section: types are neither scoped nor referenced. */
    public String writtenType(String section) {
        List<RawEntry> types = entries(section, "type");
        for (RawEntry e : types) {
            if (e.scope() == null) {
                return e.value().strip();
            }
        }
        return null;
    }

    /** Entries written for a key in a section, every scope. */
    List<RawEntry> entries(String section, String key) {
        Map<String, List<RawEntry>> keys = index.get(section);
        if (keys == null) {
            return List.of();
        }
        return keys.getOrDefault(key, List.of());
    }

    /** The evaluated node list ({@code nodes}); used by {@code @nodes} scopes and {@code {#nodes}}. */
    public List<String> nodes() {
        return get(SectionNames.DEFAULT, NODES).map(Values::toList).orElse(List.of());
    }

    public List<String> drpnodes() {
        return get(SectionNames.DEFAULT, DRPNODES).map(Values::toList).orElse(List.of());
    }

    /** A node list evaluated inside an ongoing evaluation, so that a loop through it is detected. */
    List<String> nodeList(String key, Frames frames) {
        String v = resolve(SectionNames.DEFAULT, key, frames);
        return v == null ? List.of() : Values.toList(v);
    }

    /**
     * The written entry that applies on the node: {@code @<node>} (rank 1), then {@code @nodes}, then
     * {@code @drpnodes}, then unscoped. Aliases of the keyword count as the keyword, after the key itself.
     */
    RawEntry pick(String section, String key, Frames frames) {
        Optional<Keyword> kw = keyword(section, key);
        boolean scopable = kw.map(Keyword::scopable).orElse(true);
        Set<String> names = new LinkedHashSet<>();
        names.add(key);
        kw.ifPresent(k -> {
            names.add(k.name());
            names.addAll(k.aliases());
        });
        RawEntry best = null;
        int bestRank = Integer.MAX_VALUE;
        for (String name : names) {
            for (RawEntry e : entries(section, name)) {
                int rank = rank(e.scope(), scopable, frames);
                if (rank < bestRank) {
                    best = e;
                    bestRank = rank;
                }
            }
        }
        return best;
    }

    private int rank(String scope, boolean scopable, Frames frames) {
        if (scope == null) {
            return 4;
        }
        if (!scopable) {
            // a validation error; reading ignores it rather than recursing through nodes@...
            return Integer.MAX_VALUE;
        }
        if (scope.equals(ctx.node())) {
            return 1;
        }
        if (scope.equals(NODES) && nodeList(NODES, frames).contains(ctx.node())) {
            return 2;
        }
        if (scope.equals(DRPNODES) && nodeList(DRPNODES, frames).contains(ctx.node())) {
            return 3;
        }
        return Integer.MAX_VALUE;
    }

    /** Scoped value, else default; references expanded. Null when neither written nor defaulted. */
    String resolve(String section, String key, Frames frames) {
        // no cache shortcut here: the nesting depth and loops must not depend on what was read before
        frames.push(section, key, this);
        try {
            String text = rawValue(section, key, frames);
            if (text == null) {
                return null;
            }
            String value = references.expand(section, text, frames);
            if (SectionNames.DEFAULT.equals(section) && (key.equals(NODES) || key.equals(DRPNODES))) {
                value = expandNodeGlobs(value);
            }
            return value;
        } finally {
            frames.pop();
        }
    }

    /**
     * The written value on the node, else the keyword default: the node's env for DEFAULT.env, the group's
     * default driver type for a resource {@code type}.
     */
    private String rawValue(String section, String key, Frames frames) {
        RawEntry e = pick(section, key, frames);
        if (e != null) {
            return e.value();
        }
        if (!SectionNames.DEFAULT.equals(section) && !index.containsKey(section)) {
            return null;
        }
        if (SectionNames.DEFAULT.equals(section) && key.equals("env") && ctx.nodeEnv() != null) {
            return ctx.nodeEnv();
        }
        if (key.equals("type") && SectionNames.isResource(section)) {
            // the default type depends on the group, so no table can hold it
            return DriverRegistry.defaultType(SectionNames.group(section));
        }
        return keyword(section, key).map(Keyword::defaultValue).orElse(null);
    }

    private String expandNodeGlobs(String value) {
        List<String> out = new ArrayList<>();
        // node lists take blanks and commas, as cluster.nodes does (Values.toNodeList)
        for (String w : Values.toNodeList(value)) {
            if (Globs.isGlob(w)) {
                var p = Globs.compile(w);
                ctx.clusterNodes().stream().filter(n -> p.matches(n) && !out.contains(n)).forEach(out::add);
            } else if (!out.contains(w)) {
                out.add(w);
            }
        }
        return String.join(" ", out);
    }

    /** Line of the first entry of a key, any scope, for error messages (0 when not written). */
    int lineOf(String section, String key) {
        List<RawEntry> e = entries(section, key);
        return e.isEmpty() ? 0 : e.get(0).line();
    }
}
