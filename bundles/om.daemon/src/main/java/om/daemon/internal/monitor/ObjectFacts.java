package om.daemon.internal.monitor;

import java.util.List;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.daemon.ObjectStatus;
import om.api.schedule.Job;
import om.api.schedule.Jobs;

/**
 * What the monitor keeps of an object's config: the few values the dataset and the scheduler need, never the
 * config itself (memory per object stays small with ten thousand objects).
 *
 * @param jobs    the scheduler's jobs of the local instance
 * @param configScope the nodes the config goes to ({@code nodes} then {@code drpnodes}): the scope announced in
 *                the node data's config summary, which config replication and {@code sync#i0} follow; the
 *                placement scope ({@code facts.scope()}) is {@code nodes} alone (drpnodes are never candidates)
 */
record ObjectFacts(ObjectStatus.Facts facts, List<Job> jobs, List<String> configScope) {
    ObjectFacts {
        jobs = List.copyOf(jobs);
        configScope = List.copyOf(configScope);
    }

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
        return new ObjectFacts(f, Jobs.of(cfg), List.copyOf(configScope));
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
