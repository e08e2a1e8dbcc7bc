package om.api.daemon;

import java.time.Instant;
import java.util.List;

/**
 * The state of one daemon thread (heartbeats-and-daemon.md section 2).
 *
 * @param state   {@code running}, {@code stopped} or {@code failed}
 * @param created when the thread started (or was last restarted)
 * @param alerts  one-line problems the thread reports, empty when none
 */
public record ThreadStatus(String state, Instant created, List<String> alerts) {
    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";
    public static final String FAILED = "failed";

    public ThreadStatus {
        alerts = List.copyOf(alerts);
    }
}
