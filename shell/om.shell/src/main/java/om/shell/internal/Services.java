package om.shell.internal;

import java.util.List;
import java.util.function.Supplier;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.cli.DaemonControl;
import om.api.config.KeywordCatalog;
import om.api.config.ObjectStore;
import om.api.daemon.DaemonStatsSource;
import om.api.driver.DriverRegistry;
import om.api.node.NodeSettings;
import om.api.orchestration.Orchestration;
import om.api.select.ObjectSelector;
import om.api.status.StatusService;
import om.log.api.LogHealth;
import om.log.api.LogReader;

/**
 * The services a verb may use. Selector and daemon are looked up at each use: they come and go with their
 * bundles.
 */
public record Services(Installation installation, ObjectStore store, StatusService status, ActionEngine engine,
                       DriverRegistry drivers, Supplier<ObjectSelector> selector, Supplier<DaemonControl> daemon,
                       Supplier<ActionLog> multiplexer, Supplier<LogReader> logReader, Supplier<LogHealth> logHealth,
                       Supplier<KeywordCatalog> catalog, Supplier<NodeSettings> settings,
                       Supplier<DaemonStatsSource> stats, Supplier<Orchestration> orchestration) {

    /** Without the orchestrator (tests of the local verbs). */
    public Services(Installation installation, ObjectStore store, StatusService status, ActionEngine engine,
                    DriverRegistry drivers, Supplier<ObjectSelector> selector, Supplier<DaemonControl> daemon,
                    Supplier<ActionLog> multiplexer, Supplier<LogReader> logReader, Supplier<LogHealth> logHealth,
                    Supplier<KeywordCatalog> catalog, Supplier<NodeSettings> settings,
                    Supplier<DaemonStatsSource> stats) {
        this(installation, store, status, engine, drivers, selector, daemon, multiplexer, logReader, logHealth,
                catalog, settings, stats, () -> null);
    }

    /** Without node settings and {@code --stats} figures (tests; the node config verbs then say they are unavailable). */
    public Services(Installation installation, ObjectStore store, StatusService status, ActionEngine engine,
                    DriverRegistry drivers, Supplier<ObjectSelector> selector, Supplier<DaemonControl> daemon,
                    Supplier<ActionLog> multiplexer, Supplier<LogReader> logReader, Supplier<LogHealth> logHealth,
                    Supplier<KeywordCatalog> catalog) {
        this(installation, store, status, engine, drivers, selector, daemon, multiplexer, logReader, logHealth,
                catalog, () -> null, () -> null);
    }

    /**
     * The orchestrator of the local daemon; without a daemon the spec's line for orchestrated verbs, without the
     * orchestrator bundle one line naming it.
     */
    public Orchestration requireOrchestration() {
        if (!daemonRunning()) {
            throw new OmException("daemon is not running (use --local to act on the local instance)");
        }
        Orchestration o = orchestration.get();
        if (o == null) {
            throw new OmException("the orchestrator is not running (bundle om.orchestrator not deployed)");
        }
        return o;
    }

    /** The reader and writer of cluster.conf and node.conf; fails with one line when om.core does not provide it. */
    public NodeSettings requireSettings() {
        NodeSettings s = settings.get();
        if (s == null) {
            throw new OmException("node settings unavailable");
        }
        return s;
    }

    /**
     * Expands a selector, stopping when {@code cancel} is cancelled (the client went away); fails with one line when
     * the selector bundle is absent.
     */
    public List<ObjectPath> select(String expression, om.api.Cancellation cancel) {
        ObjectSelector s = selector.get();
        if (s == null) {
            throw new OmException("selector service unavailable");
        }
        return s.select(expression, cancel);
    }

    /** The daemon, or an error when the command does not run inside one. */
    public DaemonControl requireDaemon() {
        DaemonControl d = daemon.get();
        if (d == null) {
            throw new OmException("daemon is not running");
        }
        return d;
    }

    /** The keyword tables; fail with one line when om.core does not provide them. */
    public KeywordCatalog requireCatalog() {
        KeywordCatalog c = catalog.get();
        if (c == null) {
            throw new OmException("keyword catalog unavailable");
        }
        return c;
    }

    /** The log reader; fails with one line when the om.log bundle is absent. */
    public LogReader requireLogReader() {
        LogReader r = logReader.get();
        if (r == null) {
            throw new OmException("log service unavailable");
        }
        return r;
    }

    /** Errors and drops of the log sinks so far, summed; zero when om.log is absent. */
    public long logFailures() {
        LogHealth h = logHealth.get();
        return h == null ? 0 : h.health().stream().mapToLong(s -> s.errors() + s.dropped()).sum();
    }

    public java.util.Optional<LogHealth> currentLogHealth() {
        return java.util.Optional.ofNullable(logHealth.get());
    }

    public boolean daemonRunning() {
        return daemon.get() != null;
    }
}
