package om.orchestrator.api;

import java.time.Instant;
import om.api.daemon.InstanceMonitor;
import om.api.status.InstanceStatus;
import om.api.status.Status;

/**
 * One instance as orchestration reads it: the aggregates of its status and its monitor.
 *
 * @param provisioned {@code true}, {@code false}, {@code mixed} or {@code n/a}
 */
public record InstanceView(Status avail, Status overall, boolean frozen, String provisioned, Instant lastStartedAt,
                           MonitorView monitor) {
    public InstanceView {
        avail = avail == null ? Status.NA : avail;
        overall = overall == null ? avail : overall;
        provisioned = provisioned == null ? "n/a" : provisioned;
        monitor = monitor == null ? MonitorView.IDLE_MONITOR : monitor;
    }

    /**
     * From the node data's records; {@code globalExpect} and {@code clearedAt} come apart because
     * {@link InstanceMonitor} does not carry the target's time and destination yet.
     */
    public static InstanceView of(InstanceStatus st, InstanceMonitor m, GlobalExpect globalExpect, Instant clearedAt) {
        MonitorView mv = m == null ? MonitorView.IDLE_MONITOR
                : new MonitorView(m.state(), m.stateUpdatedAt(), m.localExpect(), globalExpect, clearedAt);
        return new InstanceView(st.avail(), st.overall(), st.frozen(), st.provisioned(), st.lastStartedAt(), mv);
    }

    public boolean up() {
        return avail == Status.UP;
    }

    /** Up or partly up ({@code warn}): what a stop must bring down, what forbids a second failover start. */
    public boolean active() {
        return avail == Status.UP || avail == Status.WARN;
    }

    public InstanceView withMonitor(MonitorView m) {
        return new InstanceView(avail, overall, frozen, provisioned, lastStartedAt, m);
    }
}
