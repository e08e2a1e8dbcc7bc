package om.orchestrator.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.daemon.ObjectStatus;

/**
 * What of an object's config (and of the node's settings) orchestration reads.
 *
 * @param path        canonical object path ({@code web1}, {@code ns1/svc/web}): the {@code spread} digest uses it
 * @param topology    {@code failover} or {@code flex}
 * @param orchestrate {@code no}, {@code start} or {@code ha}
 * @param placement   the placement policy ({@code nodes order}, {@code load avg}, {@code spread}, {@code score},
 *                    {@code shift}, {@code last start}, {@code none})
 * @param nodes       the object's {@code nodes}, in order: the only possible candidates
 * @param drpnodes    the object's {@code drpnodes}: never candidates
 * @param priority    lower runs first when daemon actions queue ({@code node.max_parallel})
 * @param stonith     fence a dead peer before taking over from it ({@code [stonith#<node>]})
 * @param readyPeriod {@code node.ready_period}: how long a leader stays {@code ready} before it starts
 * @param disable     {@code disable = true}: every verb succeeds and does nothing
 * @param parents     objects that must be up before this one starts ({@code wait parents})
 * @param children    objects that must be down before this one stops ({@code wait children})
 */
public record ObjectFacts(String path, String topology, String orchestrate, String placement, List<String> nodes,
                          List<String> drpnodes, int flexMin, int flexMax, int flexTarget, int priority,
                          boolean stonith, Duration readyPeriod, boolean disable, List<String> parents,
                          List<String> children) {
    public static final String FAILOVER = "failover";
    public static final String FLEX = "flex";

    public ObjectFacts {
        Objects.requireNonNull(path, "path");
        topology = topology == null ? FAILOVER : topology;
        orchestrate = orchestrate == null ? "no" : orchestrate;
        placement = placement == null ? "nodes order" : placement;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        drpnodes = drpnodes == null ? List.of() : List.copyOf(drpnodes);
        readyPeriod = readyPeriod == null ? Duration.ofSeconds(5) : readyPeriod;
        parents = parents == null ? List.of() : List.copyOf(parents);
        children = children == null ? List.of() : List.copyOf(children);
    }

    /** Without parents and children. */
    public ObjectFacts(String path, String topology, String orchestrate, String placement, List<String> nodes,
                       List<String> drpnodes, int flexMin, int flexMax, int flexTarget, int priority,
                       boolean stonith, Duration readyPeriod, boolean disable) {
        this(path, topology, orchestrate, placement, nodes, drpnodes, flexMin, flexMax, flexTarget, priority,
                stonith, readyPeriod, disable, List.of(), List.of());
    }

    private static final String DEFAULT = "DEFAULT";

    /**
     * From the object's config as this node evaluates it, with {@code node.ready_period}. {@code nodes} defaults
     * to the local node; a count whose reference does not evaluate takes its default (validation reports it).
     */
    public static ObjectFacts of(ObjectConfig cfg, Duration readyPeriod) {
        List<String> nodes = cfg.getList(DEFAULT, "nodes");
        if (nodes.isEmpty()) {
            nodes = List.of(cfg.node());
        }
        int flexMin = intValue(cfg, "flex_min", 1);
        return new ObjectFacts(cfg.path().canonical(), cfg.getOrDefault(DEFAULT, "topology", FAILOVER),
                cfg.getOrDefault(DEFAULT, "orchestrate", "no"), cfg.getOrDefault(DEFAULT, "placement", "nodes order"),
                nodes, cfg.getList(DEFAULT, "drpnodes"), flexMin, intValue(cfg, "flex_max", nodes.size()),
                intValue(cfg, "flex_target", flexMin), intValue(cfg, "priority", 50), bool(cfg, "stonith"),
                readyPeriod, bool(cfg, "disable"), list(cfg, "parents"), list(cfg, "children"));
    }

    private static List<String> list(ObjectConfig cfg, String key) {
        try {
            return cfg.getList(DEFAULT, key);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /**
     * From the aggregation facts the daemon keeps per object (no config at hand: priority 50, no stonith, not
     * disabled): enough for the leaders of {@code om mon}.
     */
    public static ObjectFacts of(String path, ObjectStatus.Facts f) {
        return new ObjectFacts(path, f.topology(), f.orchestrate(), f.placementPolicy(), f.scope(), List.of(),
                f.flexMin(), f.flexMax(), f.flexTarget(), 50, false, null, false);
    }

    private static int intValue(ObjectConfig cfg, String key, int fallback) {
        try {
            return cfg.get(DEFAULT, key).flatMap(Values::parseInt).map(Long::intValue).orElse(fallback);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static boolean bool(ObjectConfig cfg, String key) {
        try {
            return cfg.getBool(DEFAULT, key);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean flex() {
        return FLEX.equals(topology);
    }

    /** How many leaders placement elects: 1 for failover, {@code flex_target} for flex. */
    public int leaderCount() {
        return flex() ? Math.max(0, flexTarget) : 1;
    }
}
