package om.orchestrator.internal.resources;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the resource monitor remembers of one instance between two evaluations: the restarts tried per resource
 * (and when the last one was), and whether a monitor action ran since the last start. It goes back to zero on
 * {@code om <path> clear} (the monitor's {@code cleared_at} moves) and on a new start of the instance (its
 * {@code last_started_at} moves, except by the monitor's own restarts).
 *
 * @param tries         restarts tried per rid, since the resource was last seen up
 * @param clearedAt     the instance monitor's {@code cleared_at} the counters were reset for
 * @param lastStartedAt the instance's {@code last_started_at} the counters are counted since
 * @param actionRan     a monitor action ran since the last start: none more until the next
 */
public record RestartState(Map<String, Try> tries, Instant clearedAt, Instant lastStartedAt, boolean actionRan) {
    public RestartState {
        tries = Map.copyOf(tries);
    }

    /** Restarts used and when the last one began. */
    public record Try(int used, Instant at) {
    }

    public static final RestartState EMPTY = new RestartState(Map.of(), null, null, false);

    public int used(String rid) {
        Try t = tries.get(rid);
        return t == null ? 0 : t.used();
    }

    /** The state after a restart of {@code rid} began at {@code at}. */
    public RestartState tried(String rid, Instant at) {
        Map<String, Try> m = new HashMap<>(tries);
        m.put(rid, new Try(used(rid) + 1, at));
        return new RestartState(m, clearedAt, lastStartedAt, actionRan);
    }

    /** The counter of {@code rid} back to its full budget (seen up). */
    public RestartState reset(String rid) {
        if (!tries.containsKey(rid)) {
            return this;
        }
        Map<String, Try> m = new HashMap<>(tries);
        m.remove(rid);
        return new RestartState(m, clearedAt, lastStartedAt, actionRan);
    }

    public RestartState withActionRan() {
        return new RestartState(tries, clearedAt, lastStartedAt, true);
    }

    /**
     * After the monitor's own restart: the instance's new {@code last_started_at} is not a new start of the
     * instance, so the counters must not reset when the next evaluation sees it.
     */
    public RestartState startedByMonitor(Instant startedAt) {
        return new RestartState(tries, clearedAt, startedAt, actionRan);
    }

    /** Everything forgotten, anchored at the given clear and start times. */
    static RestartState fresh(Instant clearedAt, Instant lastStartedAt) {
        return new RestartState(Map.of(), clearedAt, lastStartedAt, false);
    }

    boolean anchoredAt(Instant cleared, Instant started) {
        return Objects.equals(clearedAt, cleared) && Objects.equals(lastStartedAt, started);
    }
}
