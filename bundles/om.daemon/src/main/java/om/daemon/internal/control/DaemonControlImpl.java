package om.daemon.internal.control;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import om.api.Installation;
import om.api.action.ActionLog;
import om.api.cli.DaemonControl;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.daemon.internal.events.EventBus;
import om.daemon.internal.monitor.Monitor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * What daemon-only verbs use: the dataset (the monitor's current snapshot), the event stream and the stop switch.
 */
@Component(service = DaemonControl.class, immediate = true)
public final class DaemonControlImpl implements DaemonControl {
    /** Lets the reply to {@code om daemon stop} reach the client before the bridge closes. */
    static final Duration STOP_DELAY = Duration.ofMillis(200);
    /**
     * How long a stop waits for the heartbeats to send the {@code maintenance} announce (peers then keep this
     * node's data for their maintenance grace instead of dropping it at once).
     */
    static final Duration ANNOUNCE_WAIT = Duration.ofSeconds(2);

    private final Monitor monitor;
    private final EventBus events;
    private final Runnable stopFramework;
    private final NodeLog nodeLog;

    private final AtomicBoolean startLogged = new AtomicBoolean();

    @Activate
    public DaemonControlImpl(BundleContext context, @Reference Installation installation,
                             @Reference Monitor monitor, @Reference EventBus events) {
        this(installation, monitor, events, () -> stopSystemBundle(context), Clock.systemUTC(), null);
        this.markStopping = () -> markStopping(context);
    }

    /**
     * Says at once (before the announce and the drains) that this daemon is stopping, through the launcher's
     * service: a start right after {@code om daemon stop} answered then waits for this daemon to end instead of
     * refusing as if it ran on.
     */
    private volatile Runnable markStopping = () -> { };

    /** The launcher's {@code Runnable} service {@value #STOPPING_FILTER}; absent when not run by the launcher. */
    static final String STOPPING_FILTER = "(om.launcher=stopping)";

    private static void markStopping(BundleContext context) {
        try {
            for (org.osgi.framework.ServiceReference<Runnable> r : context.getServiceReferences(Runnable.class,
                    STOPPING_FILTER)) {
                Runnable mark = context.getService(r);
                if (mark != null) {
                    try {
                        mark.run();
                    } finally {
                        context.ungetService(r);
                    }
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException | IllegalStateException e) {
            // the framework marks it anyway when it begins to stop
        }
    }

    /**
     * om.log's multiplexer, the one writer of log/node.log: optional (the daemon runs without om.log) and dynamic,
     * as om.log starts after om.daemon; the start line is written when it comes (the launcher stops om.log last).
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(om.log=multiplexer)", unbind = "unbindLog")
    void bindLog(ActionLog log) {
        nodeLog.bind(log);
        if (!startLogged.getAndSet(true)) {
            nodeLog.info("daemon started");
        }
    }

    void unbindLog(ActionLog log) {
        nodeLog.unbind(log);
    }

    /** For tests: {@code stopFramework} is what stop() runs after the delay; no node lines. */
    public DaemonControlImpl(Installation installation, Monitor monitor, EventBus events, Runnable stopFramework,
                             Clock clock) {
        this(installation, monitor, events, stopFramework, clock, null);
    }

    /** For tests: {@code stopFramework} is what stop() runs after the delay, node lines go to {@code log}. */
    public DaemonControlImpl(Installation installation, Monitor monitor, EventBus events, Runnable stopFramework,
                             Clock clock, ActionLog log) {
        this.monitor = monitor;
        this.events = events;
        this.stopFramework = stopFramework;
        this.nodeLog = new NodeLog(log, clock, installation.nodename());
        if (log != null) {
            startLogged.set(true);
            nodeLog.info("daemon started");
        }
    }

    @Deactivate
    void deactivate() {
        nodeLog.info("daemon stopped");
    }

    @Override
    public DaemonStatus status() {
        return monitor.snapshot();
    }

    @Override
    public DaemonEvents events() {
        return events;
    }

    /** Announces {@code maintenance} to the peers, then stops the framework (the objects keep running). */
    @Override
    public void stop() {
        markStopping.run();
        Thread t = new Thread(() -> {
            if (monitor != null) {
                monitor.announceMaintenance(ANNOUNCE_WAIT);
            }
            try {
                Thread.sleep(STOP_DELAY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopFramework.run();
        }, "om-daemon-stop");
        t.start();
    }

    private static void stopSystemBundle(BundleContext context) {
        try {
            context.getBundle(0).stop();
        } catch (BundleException e) {
            System.err.println("error: cannot stop the daemon: " + e.getMessage());
        }
    }
}
