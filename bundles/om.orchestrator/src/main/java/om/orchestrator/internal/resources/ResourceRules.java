package om.orchestrator.internal.resources;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.config.ObjectConfig;
import om.api.config.Values;

/**
 * What an object's configuration says about monitoring its resources (objects-and-config.md: {@code restart},
 * {@code restart_delay}, {@code monitor}, {@code standby}, {@code optional}, {@code disable} per resource;
 * {@code monitor_action}, {@code pre_monitor_action}, {@code monitor_schedule} in DEFAULT).
 *
 * @param resources        by rid, in file order
 * @param monitorActions   the words of {@code monitor_action}: the first is tried, the next ones are fallbacks
 * @param preMonitorAction the command run before the monitor action, empty when none
 * @param schedule         the period of {@code monitor_schedule}
 */
public record ResourceRules(Map<String, Rule> resources, List<String> monitorActions,
                            Optional<String> preMonitorAction, Duration schedule) {
    static final Duration DEFAULT_DELAY = Duration.ofMillis(500);
    static final Duration DEFAULT_SCHEDULE = Duration.ofMinutes(1);
    private static final String DEFAULT = "DEFAULT";

    public ResourceRules {
        resources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        monitorActions = List.copyOf(monitorActions);
    }

    /**
     * One resource's rule.
     *
     * @param restart the restarts the daemon tries: {@code restart}, at least 2 for a standby resource
     */
    public record Rule(String rid, int restart, Duration restartDelay, boolean monitor, boolean standby,
                       boolean optional, boolean disable) {
    }

    public static ResourceRules from(ObjectConfig cfg) {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (String rid : cfg.rids()) {
            boolean standby = cfg.getBool(rid, "standby");
            int restart = cfg.get(rid, "restart").flatMap(Values::parseInt).map(Long::intValue).orElse(0);
            restart = standby ? Math.max(2, restart) : Math.max(0, restart);
            Duration delay = cfg.get(rid, "restart_delay").flatMap(Values::parseDuration).orElse(DEFAULT_DELAY);
            rules.put(rid, new Rule(rid, restart, delay, cfg.getBool(rid, "monitor"), standby,
                    cfg.getBool(rid, "optional"), cfg.getBool(rid, "disable")));
        }
        List<String> actions = cfg.getList(DEFAULT, "monitor_action");
        Optional<String> pre = cfg.get(DEFAULT, "pre_monitor_action").map(String::strip).filter(s -> !s.isEmpty());
        Duration schedule = cfg.get(DEFAULT, "monitor_schedule").flatMap(ResourceRules::period)
                .orElse(DEFAULT_SCHEDULE);
        return new ResourceRules(rules, actions.isEmpty() ? List.of("none") : actions, pre, schedule);
    }

    /**
     * The period of a {@code monitor_schedule}: the {@code @<duration>} form ({@code @5} is five minutes). Other schedule
     * forms (time ranges, days) fall back to the default minute: the monitor is a periodic check, and changes
     * trigger it anyway.
     */
    static Optional<Duration> period(String schedule) {
        String s = schedule.strip();
        if (s.startsWith("@")) {
            s = s.substring(1).strip();
        }
        // a bare number is minutes, as the daemon's scheduler reads it
        if (s.matches("[0-9]+")) {
            s = s + "m";
        }
        return Values.parseDuration(s).filter(d -> !d.isZero() && !d.isNegative());
    }
}
