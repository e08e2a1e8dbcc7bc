package om.core.internal.keywords;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import om.api.config.Keyword;
import om.api.config.KeywordType;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;

/**
 * Answers which keyword a {@code section.key} is. Driver tables are looked up in the registry at each call,
 * because drivers come and go with their bundles.
 */
public final class KeywordTables {
    private final DriverRegistry drivers;
    /** The tables of etc/cluster.conf and etc/node.conf rather than an object's. */
    private final boolean nodeConfig;
    private final java.util.concurrent.ConcurrentHashMap<String, Optional<Keyword>> cache =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long cacheGeneration = -1;

    public KeywordTables(DriverRegistry drivers) {
        this(drivers, false);
    }

    private KeywordTables(DriverRegistry drivers, boolean nodeConfig) {
        this.drivers = drivers;
        this.nodeConfig = nodeConfig;
    }

    /**
     * The tables of the node config files ({@link NodeKeywords}); {@code [DEFAULT]} answers as in objects, for the
     * {@code nodes}/{@code drpnodes} the node settings put there so that {@code @nodes} scopes mean the cluster's.
     */
    public static KeywordTables forNodeConfig(DriverRegistry drivers) {
        return new KeywordTables(drivers, true);
    }

    public boolean isNodeConfig() {
        return nodeConfig;
    }

    public DriverRegistry drivers() {
        return drivers;
    }

    /** The driver type of a resource section: its {@code type}, else the group default (null if required). */
    public static String effectiveType(String group, String writtenType) {
        return writtenType != null && !writtenType.isBlank() ? writtenType.trim() : DriverRegistry.defaultType(group);
    }

    /** The deployed driver for a group and written type (null type = group default). */
    public Optional<ResourceDriver> driver(String group, String writtenType) {
        String type = effectiveType(group, writtenType);
        return type == null ? Optional.empty() : drivers.find(group, type);
    }

    /**
     * The keyword {@code key} (or one of its aliases) of {@code section}; {@code type} is the section's
     * written {@code type} (ignored outside resource sections).
     */
    public Optional<Keyword> keyword(String section, String key, String type) {
        // selectors ask this for every object they filter: remember answers until a driver comes or goes
        long gen = drivers.generation();
        if (gen != cacheGeneration) {
            cache.clear();
            cacheGeneration = gen;
        }
        // section names repeat across objects (app#0, fs#1...): key on the name itself, no parsing on a hit
        String cacheKey = section + "\u0000" + type + "\u0000" + key;
        Optional<Keyword> hit = cache.get(cacheKey);
        if (hit != null) {
            return hit;
        }
        Optional<Keyword> k = lookup(section, key, type);
        if (cache.size() < 10_000) {
            cache.put(cacheKey, k);
        }
        return k;
    }

    private Optional<Keyword> lookup(String section, String key, String type) {
        if (nodeConfig && !SectionNames.DEFAULT.equals(section)) {
            return NodeKeywords.keyword(section, key, type);
        }
        return switch (SectionNames.role(section)) {
            case DEFAULT -> find(DefaultKeywords.table(), key);
            case ENV -> Optional.of(Keyword.of(key, KeywordType.STRING, null, "User variable, read as {env." + key + "}."));
            case SUBSET -> find(ResourceKeywords.subset(), key);
            case RESOURCE -> {
                Optional<ResourceDriver> d = driver(SectionNames.group(section), type);
                Optional<Keyword> k = d.flatMap(drv -> find(drv.keywords(), key));
                yield k.isPresent() ? k : find(ResourceKeywords.common(), key);
            }
            default -> Optional.empty();
        };
    }

    /** Every keyword of a section: driver keywords first (they may refine a common one), then common ones. */
    public List<Keyword> table(String section, String type) {
        if (nodeConfig && !SectionNames.DEFAULT.equals(section)) {
            return NodeKeywords.table(section, type);
        }
        return switch (SectionNames.role(section)) {
            case DEFAULT -> DefaultKeywords.table();
            case SUBSET -> ResourceKeywords.subset();
            case RESOURCE -> {
                List<Keyword> out = new ArrayList<>();
                driver(SectionNames.group(section), type).ifPresent(d -> out.addAll(d.keywords()));
                for (Keyword c : ResourceKeywords.common()) {
                    if (out.stream().noneMatch(k -> k.name().equals(c.name()))) {
                        out.add(c);
                    }
                }
                yield List.copyOf(out);
            }
            default -> List.of();
        };
    }

    static Optional<Keyword> find(List<Keyword> table, String key) {
        for (Keyword k : table) {
            if (k.name().equals(key)) {
                return Optional.of(k);
            }
        }
        for (Keyword k : table) {
            if (k.answersTo(key)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
