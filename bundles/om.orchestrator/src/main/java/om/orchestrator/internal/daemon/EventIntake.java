package om.orchestrator.internal.daemon;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import om.api.cluster.ClusterView;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;

/**
 * The {@code orchestrator} thread's loop: gathers the objects the daemon's events name and asks for a pass over
 * them once the daemon's snapshot shows the change, a pass over every object every full-pass period, and the passes
 * the objects' recheck times call for. It owns only what it has gathered; the passes run under the
 * orchestrator's lock ({@link Passes}).
 *
 * <p>The daemon publishes an event when it applies a change and the snapshot that shows it up to
 * {@link #SNAPSHOT_LAG} later: the objects an event names are evaluated once a newer snapshot is out (and at the
 * latest after that lag), never on the snapshot the change is not in yet.
 */
final class EventIntake implements Runnable {
    static final Duration SNAPSHOT_LAG = Duration.ofMillis(300);
    /** How often the snapshot is looked at while an event waits for it. */
    private static final Duration SNAPSHOT_POLL = Duration.ofMillis(20);
    /** More objects than this gathered: a pass is asked for before reading more events. */
    private static final int GATHERED_MAX = 100_000;

    /** What the orchestrator does for the loop. */
    interface Passes {
        /** How long until the next recheck time (at most a second). */
        Duration untilRecheck(Instant now);

        /** The fallback of the snapshot wait: these objects (or every one) are looked at after the lag anyway. */
        void later(Set<String> paths, boolean all);

        /** Evaluates the objects named, every object when {@code all}, and those whose recheck time came. */
        void pass(Set<String> dirty, boolean all);
    }

    private final ClusterView view;
    private final DaemonEvents.Subscription subscription;
    private final Clock clock;
    private final Duration fullPass;
    private final Passes passes;

    EventIntake(ClusterView view, DaemonEvents.Subscription subscription, Clock clock, Duration fullPass,
                Passes passes) {
        this.view = view;
        this.subscription = subscription;
        this.clock = clock;
        this.fullPass = fullPass;
        this.passes = passes;
    }

    @Override
    public void run() {
        Instant lastFull = Instant.MIN;
        Set<String> waiting = new HashSet<>();
        boolean waitingAll = false;
        DaemonStatus waitingOn = null;
        while (!Thread.currentThread().isInterrupted()) {
            Instant now = clock.instant();
            boolean full = now.isAfter(lastFull.plus(fullPass));
            if (full) {
                lastFull = now;
            }
            DaemonEvent e;
            try {
                Duration wait = full ? Duration.ZERO : passes.untilRecheck(now);
                e = subscription.poll(waitingOn != null && wait.compareTo(SNAPSHOT_POLL) > 0 ? SNAPSHOT_POLL : wait);
            } catch (RuntimeException ex) {
                // the subscription closed: the component stops
                return;
            }
            boolean added = false;
            while (e != null) {
                if (!e.kind().equals("OrchestrationEnd")) {
                    if (e.path() != null) {
                        added |= waiting.add(e.path());
                    } else if (!(e instanceof DaemonEvent.NodeStatsUpdated)
                            && !(e instanceof DaemonEvent.HbStatusUpdated)) {
                        waitingAll = true;
                        added = true;
                    }
                }
                e = waiting.size() < GATHERED_MAX ? subscription.poll(Duration.ZERO) : null;
            }
            if (added && waitingOn == null) {
                waitingOn = view.current();
                passes.later(waiting, waitingAll);
            }
            Set<String> dirty = Set.of();
            boolean all = full;
            if (waitingOn != null && view.current() != waitingOn) {
                dirty = waiting;
                all |= waitingAll;
                waiting = new HashSet<>();
                waitingAll = false;
                waitingOn = null;
            }
            passes.pass(dirty, all);
        }
    }
}
