package om.daemon.internal.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import om.api.Installation;
import om.api.action.ActionLog;
import om.api.cli.DaemonControl;
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
 * The daemon's status dataset (status.md section 8, the parts that exist so far) and its stop switch. Object
 * services are filled in by the shell from StatusService; heartbeats and the scheduler come later.
 */
@Component(service = DaemonControl.class, immediate = true)
public final class DaemonControlImpl implements DaemonControl {
    /** Lets the reply to {@code om daemon stop} reach the client before the bridge closes. */
    static final Duration STOP_DELAY = Duration.ofMillis(200);

    private final Installation installation;
    private final Runnable stopFramework;
    private final Clock clock;
    private final Instant created;
    private final NodeLog nodeLog;

    private final AtomicBoolean startLogged = new AtomicBoolean();

    @Activate
    public DaemonControlImpl(BundleContext context, @Reference Installation installation) {
        this(installation, () -> stopSystemBundle(context), Clock.systemUTC(), null);
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

    /** For tests: {@code stopFramework} is what stop() runs after the delay. */
    public DaemonControlImpl(Installation installation, Runnable stopFramework, Clock clock) {
        this(installation, stopFramework, clock, null);
    }

    /** For tests: {@code stopFramework} is what stop() runs after the delay, node lines go to {@code log}. */
    public DaemonControlImpl(Installation installation, Runnable stopFramework, Clock clock, ActionLog log) {
        this.installation = installation;
        this.stopFramework = stopFramework;
        this.clock = clock;
        this.created = clock.instant();
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
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("cluster", cluster());
        status.put("listener", thread("running"));
        Map<String, Object> monitor = thread("running");
        monitor.put("nodes", Map.of(installation.nodename(), localNode()));
        monitor.put("services", new LinkedHashMap<String, Object>());
        status.put("monitor", monitor);
        status.put("scheduler", thread("stopped"));
        return status;
    }

    @Override
    public void stop() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(STOP_DELAY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopFramework.run();
        }, "om-daemon-stop");
        t.start();
    }

    private Map<String, Object> cluster() {
        ClusterInfo info = ClusterInfo.read(installation.etc().resolve("cluster.conf"), installation.nodename());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", info.name());
        m.put("id", info.id());
        m.put("nodes", info.nodes());
        m.put("quorum", info.quorum());
        return m;
    }

    private Map<String, Object> thread(String state) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", state);
        m.put("created", rfc3339(created));
        m.put("alerts", List.of());
        return m;
    }

    private Map<String, Object> localNode() {
        String now = rfc3339(clock.instant());
        Path frozenFlag = installation.var().resolve("node").resolve("frozen");
        String frozenAt = frozenAt(frozenFlag);
        Map<String, Object> monitorState = new LinkedHashMap<>();
        monitorState.put("state", "idle");
        monitorState.put("global_expect", "none");
        monitorState.put("state_updated_at", rfc3339(created));
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("monitor", monitorState);
        node.put("frozen", frozenAt != null);
        node.put("frozen_at", frozenAt);
        node.put("updated_at", now);
        node.put("stats", NodeStats.read(Path.of("/proc")));
        return node;
    }

    private static String frozenAt(Path flag) {
        try {
            return rfc3339(Files.getLastModifiedTime(flag).toInstant());
        } catch (IOException e) {
            return null;
        }
    }

    /** RFC 3339 in UTC with milliseconds, as every timestamp of the dataset (status.md section 6). */
    static String rfc3339(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(t);
    }

    private static void stopSystemBundle(BundleContext context) {
        try {
            context.getBundle(0).stop();
        } catch (BundleException e) {
            System.err.println("error: cannot stop the daemon: " + e.getMessage());
        }
    }
}
