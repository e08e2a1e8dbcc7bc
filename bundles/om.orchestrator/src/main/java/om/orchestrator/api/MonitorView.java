package om.orchestrator.api;

import java.time.Instant;

/**
 * One instance monitor as the decision core reads it (the {@code monitor} of an instance in the node data, with
 * what {@link om.api.daemon.InstanceMonitor} does not carry yet: the target's time and destination, the last
 * {@code clear}).
 *
 * @param state          {@code idle}, {@code ready}, {@code starting}, {@code start failed}...
 * @param stateUpdatedAt when {@code state} last changed (the {@code ready} period counts from it)
 * @param localExpect    {@code none}, {@code started}, {@code evicted}
 * @param clearedAt      when a {@code clear} was last applied to this instance, null when never: a newer one seen
 *                       on another instance is applied here too, so one {@code clear} reaches every instance
 */
public record MonitorView(String state, Instant stateUpdatedAt, String localExpect, GlobalExpect globalExpect,
                          Instant clearedAt) {
    public static final String IDLE = "idle";

    public MonitorView {
        state = state == null ? IDLE : state;
        localExpect = localExpect == null ? "none" : localExpect;
        globalExpect = globalExpect == null ? GlobalExpect.UNSET : globalExpect;
    }

    public static final MonitorView IDLE_MONITOR = new MonitorView(IDLE, null, "none", GlobalExpect.UNSET, null);

    /** An action of the monitor runs ({@code starting}, {@code stopping}, {@code freezing}, {@code unfreezing},
     *  {@code running}): its end is reported through {@link Orchestrator#afterAction}. */
    public boolean inProgress() {
        return state.endsWith("ing");
    }

    /** A step failed ({@code start failed}, {@code stop failed}...): it stays until {@code clear}. */
    public boolean failed() {
        return state.endsWith(" failed");
    }
}
