package om.daemon.internal.monitor;

import java.time.Duration;
import java.util.List;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.daemon.ObjectStatus;
import om.daemon.internal.scheduler.Schedule;

/**
 * What the monitor keeps of an object's config: the few values the dataset and the scheduler need, never the
 * config itself (memory per object stays small with ten thousand objects).
 *
 * @param status  {@code status_schedule} interval, null for never
 * @param monitor {@code monitor_schedule} interval, null for never
 * @param configScope the nodes the config goes to ({@code nodes} then {@code drpnodes}): the scope announced in
 *                the node data's config summary, which config replication and {@code sync#i0} follow; the
 *                placement scope ({@code facts.scope()}) is {@code nodes} alone (drpnodes are never candidates)
 */
record ObjectFacts(ObjectStatus.Facts facts, Duration status, Duration monitor, List<String> configScope) {
    ObjectFacts {
        configScope = List.copyOf(configScope);
    }

    static final Duration STATUS_DEFAULT = Duration.ofMinutes(10);
    static final Duration MONITOR_DEFAULT = Duration.ofMinutes(1);
    private static final String DEFAULT = "DEFAULT";

    static ObjectFacts of(ObjectConfig cfg, String localNode) {
        List<String> scope = cfg.getList(DEFAULT, "nodes");
        if (scope.isEmpty()) {
            scope = List.of(localNode);
        }
        int flexMin = intValue(cfg, "flex_min", 1);
        int flexMax = intValue(cfg, "flex_max", scope.size());
        ObjectStatus.Facts f = new ObjectStatus.Facts(cfg.getOrDefault(DEFAULT, "topology", "failover"),
                cfg.getOrDefault(DEFAULT, "orchestrate", "no"), cfg.getOrDefault(DEFAULT, "placement", "nodes order"),
                flexMin, flexMax, intValue(cfg, "flex_target", flexMin), scope);
        java.util.LinkedHashSet<String> configScope = new java.util.LinkedHashSet<>(scope);
        configScope.addAll(cfg.getList(DEFAULT, "drpnodes"));
        return new ObjectFacts(f,
                Schedule.interval(cfg.get(DEFAULT, "status_schedule").orElse(null), STATUS_DEFAULT).orElse(null),
                Schedule.interval(cfg.get(DEFAULT, "monitor_schedule").orElse(null), MONITOR_DEFAULT).orElse(null),
                List.copyOf(configScope));
    }

    private static int intValue(ObjectConfig cfg, String key, int fallback) {
        try {
            return cfg.get(DEFAULT, key).flatMap(Values::parseInt).map(Long::intValue).orElse(fallback);
        } catch (RuntimeException e) {
            // a reference that does not evaluate: the default, the validation reports it
            return fallback;
        }
    }
}
