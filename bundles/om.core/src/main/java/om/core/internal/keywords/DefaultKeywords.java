package om.core.internal.keywords;

import static om.api.config.KeywordType.BOOL;
import static om.api.config.KeywordType.COMMAND;
import static om.api.config.KeywordType.DURATION;
import static om.api.config.KeywordType.INT;
import static om.api.config.KeywordType.LIST;
import static om.api.config.KeywordType.SCHEDULE;
import static om.api.config.KeywordType.STRING;

import java.util.List;
import om.api.config.Keyword;

/**
 * The {@code [DEFAULT]} section keywords (objects-and-config section 4). Defaults that depend on other
 * values are written as references ({@code {timeout}}, {@code {#nodes}}), so they follow the object's own
 * values and show as such in {@code config doc}.
 */
public final class DefaultKeywords {
    /** Placement policies of orchestration.md section 4. */
    public static final List<String> PLACEMENTS =
            List.of("nodes order", "load avg", "spread", "score", "shift", "last start", "none");

    private static final List<Keyword> TABLE = List.of(
            Keyword.of("id", STRING, null, "Stable object identifier, a UUID written when the object is created.")
                    .notScopable(),
            Keyword.of("nodes", LIST, "{nodename}",
                    "Nodes that may run an instance, in preference order; globs (n*) expand against cluster.nodes.")
                    .notScopable(),
            Keyword.of("drpnodes", LIST, "", "Disaster-recovery nodes, the targets of sync drp.").notScopable(),
            Keyword.of("topology", STRING, "failover", "One active instance (failover) or several (flex).")
                    .withCandidates("failover", "flex").notScopable(),
            Keyword.of("flex_min", INT, "1", "Flex: fewer up instances makes the object warn."),
            Keyword.of("flex_max", INT, "{#nodes}", "Flex: more up instances makes the object warn."),
            Keyword.of("flex_target", INT, "{flex_min}", "Flex: number of instances the orchestrator keeps up."),
            Keyword.of("orchestrate", STRING, "no", "Daemon autonomy: no, ha or start.")
                    .withCandidates("no", "ha", "start"),
            Keyword.of("placement", STRING, "nodes order", "Leader election policy.")
                    .withCandidates(PLACEMENTS.toArray(String[]::new)).notScopable(),
            Keyword.of("priority", INT, "50",
                    "Lower is served first when the node's max_parallel is reached.").notScopable(),
            Keyword.of("monitor_action", LIST, "none",
                    "What to do when a monitored resource stays down; extra words are fallbacks.")
                    .withCandidates("none", "crash", "freezestop", "reboot", "switch"),
            Keyword.of("pre_monitor_action", COMMAND, null, "Command run before the monitor action (60 s limit)."),
            Keyword.of("stonith", BOOL, "false", "Fence a dead peer before taking over."),
            Keyword.of("parents", LIST, null, "Objects that must be up before this one starts."),
            Keyword.of("children", LIST, null, "Objects that must be down before this one stops."),
            Keyword.of("disable", BOOL, "false", "Start and stop do nothing and succeed."),
            Keyword.of("env", STRING, "TST",
                    "Informational class (PRD, DEV, ...); defaults to the node's env (node.conf [node] env)."),
            Keyword.of("app", STRING, "default", "Informational application code."),
            Keyword.of("lock_timeout", DURATION, "60s", "Wait for the action lock; --waitlock overrides."),
            Keyword.of("timeout", DURATION, "1h", "Default action timeout."),
            Keyword.of("start_timeout", DURATION, "{timeout}", "Start action timeout."),
            Keyword.of("stop_timeout", DURATION, "{timeout}", "Stop action timeout."),
            Keyword.of("run_timeout", DURATION, "{timeout}", "Run action timeout."),
            Keyword.of("sync_timeout", DURATION, "{timeout}", "Sync action timeout."),
            Keyword.of("status_timeout", DURATION, "1m", "Limit for one status evaluation."),
            Keyword.of("rollback", BOOL, "true", "Undo a failed start."),
            Keyword.of("monitor_schedule", SCHEDULE, "@1m",
                    "Status refresh of monitored, restartable and standby resources."),
            Keyword.of("status_schedule", SCHEDULE, "@10m", "Full status refresh."),
            Keyword.of("sync_schedule", SCHEDULE, "04:00-06:00", "Default schedule of sync resources."),
            Keyword.of("sync_max_delay", DURATION, "1d3h", "Default max_delay of sync resources."),
            Keyword.of("run_schedule", SCHEDULE, null, "Default schedule of task resources; unset: not scheduled."),
            Keyword.of("comment", STRING, null, "Free text."));

    private DefaultKeywords() {
    }

    public static List<Keyword> table() {
        return TABLE;
    }
}
