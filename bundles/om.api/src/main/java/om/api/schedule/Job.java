package om.api.schedule;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One scheduler job of an object's local instance (heartbeats-and-daemon.md section 9).
 *
 * @param action       what the job does
 * @param rid          the sync or task resource it acts on; null for the status and monitor jobs
 * @param keyword      where the schedule comes from, as an operator writes it ({@code status_schedule},
 *                     {@code task#1.schedule}, or the default it falls back to: {@code run_schedule})
 * @param expression   the schedule text, empty for none
 * @param schedule     the schedule read; null when the text does not follow the grammar
 * @param error        why the text does not follow the grammar; null when it does
 * @param disabled     the object or the resource is disabled
 * @param confirmation a task needing an operator's confirmation ({@code confirmation = true}), never run by the
 *                     scheduler
 */
public record Job(Action action, String rid, String keyword, String expression, Schedule schedule, String error,
                  boolean disabled, boolean confirmation) {
    public enum Action {
        /** {@code status_schedule}: a full status evaluation. */
        STATUS,
        /** {@code monitor_schedule}: the status of the monitored, restartable and standby resources. */
        MONITOR,
        /** A sync resource's {@code schedule}: {@code sync all} for that resource. */
        SYNC,
        /** A task resource's {@code schedule}: {@code run --rid <rid>}. */
        RUN;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Equal when read from the same values: the schedule is made from the expression. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Job j && action == j.action && java.util.Objects.equals(rid, j.rid)
                && keyword.equals(j.keyword) && java.util.Objects.equals(expression, j.expression)
                && java.util.Objects.equals(error, j.error) && disabled == j.disabled
                && confirmation == j.confirmation;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(action, rid, keyword, expression, error, disabled, confirmation);
    }

    /** The job's name, unique in its object: the rid, or the action word of the status and monitor jobs. */
    public String name() {
        return rid == null ? action.word() : rid;
    }

    /** Whether the job runs an action (sync, run) rather than a status evaluation. */
    public boolean isAction() {
        return action == Action.SYNC || action == Action.RUN;
    }

    /**
     * The seed of the job's random delays ({@code ~} ranges): the same on every call for one node, object and job,
     * so a restart keeps the delay, and different across nodes, so they spread their load.
     */
    public long seed(String node, String path) {
        long h = 1125899906842597L;
        for (byte b : (node + '\n' + path + '\n' + name()).getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }
}
