package om.api.schedule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import om.api.Installation;
import om.api.config.ObjectConfig;
import om.api.status.InstanceStatus;
import om.api.status.ResourceStatus;
import om.api.status.Status;

/**
 * The jobs of an object's local instance, read from its config, and why a job would not run now. The daemon's
 * scheduler and {@code print schedule} share these rules, so what the verb says is what the scheduler does.
 */
public final class Jobs {
    private static final String DEFAULT = "DEFAULT";
    /** The implicit config replication resource: shown as a sync resource, never scheduled. */
    private static final String CONFIG_SYNC = "sync#i0";

    private Jobs() {
    }

    /**
     * The jobs in display order: status, monitor, then the sync and task resources in rid order. A schedule that
     * does not read gives a job with its {@link Job#error()}; a value that does not evaluate (a broken reference)
     * too.
     */
    public static List<Job> of(ObjectConfig cfg) {
        List<Job> jobs = new ArrayList<>();
        boolean objectDisabled = bool(cfg, DEFAULT, "disable");
        jobs.add(job(Job.Action.STATUS, null, "status_schedule", value(cfg, DEFAULT, "status_schedule", "@10m"),
                objectDisabled, false));
        jobs.add(job(Job.Action.MONITOR, null, "monitor_schedule", value(cfg, DEFAULT, "monitor_schedule", "@1m"),
                objectDisabled, false));
        List<String> rids = new ArrayList<>(cfg.rids());
        rids.sort(null);
        for (Job.Action a : List.of(Job.Action.SYNC, Job.Action.RUN)) {
            String group = a == Job.Action.SYNC ? "sync#" : "task#";
            String fallback = a == Job.Action.SYNC ? "sync_schedule" : "run_schedule";
            for (String rid : rids) {
                if (!rid.startsWith(group) || rid.equals(CONFIG_SYNC)) {
                    continue;
                }
                boolean disabled = objectDisabled || bool(cfg, rid, "disable");
                boolean confirmation = a == Job.Action.RUN && bool(cfg, rid, "confirmation");
                if (written(cfg, rid, "schedule")) {
                    jobs.add(job(a, rid, rid + ".schedule", value(cfg, rid, "schedule", ""), disabled, confirmation));
                } else {
                    String dflt = a == Job.Action.SYNC ? "04:00-06:00" : "";
                    jobs.add(job(a, rid, fallback, value(cfg, DEFAULT, fallback, dflt), disabled, confirmation));
                }
            }
        }
        return List.copyOf(jobs);
    }

    private static Job job(Job.Action a, String rid, String keyword, Value v, boolean disabled, boolean confirm) {
        if (v.error() != null) {
            return new Job(a, rid, keyword, "", null, v.error(), disabled, confirm);
        }
        try {
            return new Job(a, rid, keyword, v.text(), Schedule.parse(v.text()), null, disabled, confirm);
        } catch (ScheduleException e) {
            return new Job(a, rid, keyword, v.text(), null, e.getMessage(), disabled, confirm);
        }
    }

    private record Value(String text, String error) {
    }

    private static Value value(ObjectConfig cfg, String section, String key, String fallback) {
        try {
            return new Value(cfg.get(section, key).orElse(fallback), null);
        } catch (RuntimeException e) {
            return new Value(null, e.getMessage());
        }
    }

    private static boolean written(ObjectConfig cfg, String section, String key) {
        try {
            return cfg.isWritten(section, key);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean bool(ObjectConfig cfg, String section, String key) {
        try {
            return cfg.getBool(section, key);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The last run of the status and monitor jobs: the instance status' evaluation time, to its second (as the
     * scheduler counts its own runs, so an interval is counted from the second it ran in); null before any.
     */
    public static java.time.Instant evaluationRun(InstanceStatus st) {
        return st == null || st.updatedAt() == null ? null
                : st.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** Monitored, restartable or standby resources: the ones the monitor job looks at. */
    public static boolean monitored(InstanceStatus st) {
        if (st == null) {
            return false;
        }
        for (ResourceStatus r : st.resources().values()) {
            if (r.monitor() || r.restart() > 0 || r.standby()) {
                return true;
            }
        }
        return false;
    }

    /** The node frozen flag ({@code om node freeze}). */
    public static Path nodeFrozenFlag(Installation installation) {
        return installation.var().resolve("node").resolve("frozen");
    }

    /**
     * Why the job would not run now, empty when it would. Status and monitor jobs run on every instance, frozen or
     * not (the dataset must stay true); sync and task jobs are skipped on a frozen node or instance, and run, for a
     * failover object, where its instance is up, for a flex object wherever it is provisioned.
     *
     * @param status     the instance's last status, null before the first evaluation
     * @param nodeFrozen the node frozen flag is set
     */
    public static Optional<String> blocker(Job job, InstanceStatus status, boolean nodeFrozen) {
        if (job.error() != null) {
            return Optional.of("invalid schedule: " + job.error());
        }
        if (job.schedule().isNever()) {
            return Optional.of("not scheduled");
        }
        if (job.disabled()) {
            return Optional.of("disabled");
        }
        switch (job.action()) {
            case STATUS:
                return Optional.empty();
            case MONITOR:
                return monitored(status) ? Optional.empty() : Optional.of("no monitored resource");
            default:
                break;
        }
        if (job.confirmation()) {
            return Optional.of("needs confirmation");
        }
        if (nodeFrozen) {
            return Optional.of("node frozen");
        }
        if (status == null) {
            return Optional.of("no status yet");
        }
        if (status.frozen()) {
            return Optional.of("frozen");
        }
        if ("flex".equals(status.topology())) {
            return "false".equals(status.provisioned()) || "mixed".equals(status.provisioned())
                    ? Optional.of("not provisioned") : Optional.empty();
        }
        return status.avail() == Status.UP ? Optional.empty() : Optional.of("not up on this node");
    }
}
