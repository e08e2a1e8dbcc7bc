package om.orchestrator.internal.resources;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the resource monitor does for one instance now.
 *
 * @param state     the counters to remember (restarts below already counted)
 * @param restarts  resources to start now, in status order
 * @param recheckAt when to evaluate again because a {@code restart_delay} runs, empty when nothing waits
 * @param action    the monitor action to run now, empty when none
 * @param skipped   why nothing was done although a resource is down (one line each, for the debug log)
 */
public record Verdict(RestartState state, List<Restart> restarts, Optional<Instant> recheckAt,
                      Optional<MonitorAction> action, List<String> skipped) {
    public Verdict {
        restarts = List.copyOf(restarts);
        skipped = List.copyOf(skipped);
    }

    /**
     * One restart try.
     *
     * @param attempt the try number, from 1
     * @param of      the resource's restart budget
     */
    public record Restart(String rid, int attempt, int of, boolean standby) {
        /** The log line, e.g. {@code app#0 is down: restart 1/2}. */
        public String reason(String status) {
            return rid + " is " + status + ": restart " + attempt + "/" + of;
        }
    }

    /**
     * The monitor action of a monitored resource down with no restart left.
     *
     * @param actions the {@code monitor_action} words: the first is run, the next ones if its stop fails
     * @param pre     {@code pre_monitor_action}, run first
     */
    public record MonitorAction(String rid, String status, List<String> actions, Optional<String> pre) {
        public MonitorAction {
            actions = List.copyOf(actions);
        }

        public String reason() {
            return rid + " is " + status + " and has no restart left: monitor action " + String.join(" ", actions);
        }
    }

    public boolean idle() {
        return restarts.isEmpty() && action.isEmpty();
    }
}
