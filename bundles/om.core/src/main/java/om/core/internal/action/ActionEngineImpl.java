package om.core.internal.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import om.api.Cancellation;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionBracket;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.action.ActionRequest;
import om.api.action.ActionResult;
import om.api.action.LogEvent;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.config.Values;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;
import om.api.status.InstanceFlags;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.StatusService;
import om.core.internal.driver.ResourceContextImpl;
import om.core.internal.driver.ResourceOrder;
import om.core.internal.driver.ResourceSpec;
import om.core.internal.exec.ProcessExecutor;
import om.core.internal.status.InstanceFlagsImpl;
import om.core.internal.status.InstanceStatusEvaluator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The local action engine: {@code start}, {@code stop}, {@code provision}, {@code unprovision}, {@code run} and
 * {@code sync_all|sync_nodes|sync_drp} on the local instance of an object, over the resources the filters select,
 * in group order (orchestration.md sections 9 and 10). {@code start} to {@code unprovision} hold the object's
 * action lock, the syncs its sync lock, {@code run} none. A sync acts only where the instance is up. Drivers are
 * looked up when the action begins, so a driver deployed a moment ago is used.
 *
 * <p>The engine writes each action's brackets, freezes an orchestrated instance before a user's whole-instance
 * stop, and tracks the actions it runs. Work is stopped only through {@link Cancellation}, never by interrupting a
 * thread: an interrupted thread cannot write the closing log line through a {@code FileChannel}, and would break
 * the rollback's commands. When the component deactivates (daemon stop, bundle restart) new actions are refused
 * ({@code daemon stopping}), running ones get {@link Config#drainTimeout()} seconds to end, then are cancelled
 * (their commands killed, a start rolled back, {@code failed <action>: daemon stopping} written) and waited for
 * as long again.
 */
@Component(service = ActionEngine.class, configurationPid = "om.action.engine")
@Designate(ocd = ActionEngineImpl.Config.class)
public final class ActionEngineImpl implements ActionEngine {
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
    static final String LOCK_FILE = ObjectLocks.ACTION_LOCK_FILE;
    static final String STOPPING = "daemon stopping";
    private static final String DEFAULT = "DEFAULT";

    /**
     * Tunables of the component, through Config Admin (pid {@code om.action.engine}, e.g.
     * {@code deploy/om.action.engine.cfg}); the node setting {@code node.max_parallel} comes from node.conf.
     */
    @ObjectClassDefinition(name = "om action engine")
    public @interface Config {
        @AttributeDefinition(description = "seconds running actions get to end when the engine stops, "
                + "before they are cancelled")
        long drainTimeout() default 30;
    }

    private final ObjectStore store;
    private final DriverRegistry drivers;
    private final Installation installation;
    private final StatusService status;
    private final ProcessExecutor executor;
    private final InstanceFlags flags;
    private final Requirements requirements;
    private final ObjectLocks locks = new ObjectLocks();
    private final Duration drainTimeout;
    private final ThreadPoolExecutor submitted;
    private final AtomicLong submitSeq = new AtomicLong();
    /** Actions running now, with the token the engine cancels when it stops. */
    private final Set<Cancellation> running = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();
    private volatile boolean stopping;
    private boolean drained;
    private BundleContext context;
    private SynchronousBundleListener frameworkStop;
    private AutoCloseable settingsListener;

    /**
     * Also drains when the framework begins to stop, before any bundle stops: the log sinks (om.log) stop before
     * om.core, and the drained actions must still write their closing lines.
     */
    @Activate
    public ActionEngineImpl(@Reference ObjectStore store, @Reference DriverRegistry drivers,
                            @Reference Installation installation, @Reference StatusService status,
                            @Reference InstanceFlags flags, @Reference NodeSettings settings, Config config,
                            BundleContext context) {
        this(new Parts(store, drivers, installation, status, new ProcessExecutor(), flags,
                maxParallel(settings.current()), Duration.ofSeconds(Math.max(0, config.drainTimeout()))));
        // node.conf edits apply to the next submissions, no restart
        this.settingsListener = settings.onChange(c -> resize(maxParallel(c)));
        this.context = context;
        this.frameworkStop = e -> {
            if (e.getType() == BundleEvent.STOPPING && e.getBundle().getBundleId() == 0) {
                deactivate();
            }
        };
        context.addBundleListener(frameworkStop);
    }

    public ActionEngineImpl(ObjectStore store, DriverRegistry drivers, Installation installation,
                            StatusService status, ProcessExecutor executor) {
        this(new Parts(store, drivers, installation, status, executor, new InstanceFlagsImpl(installation), 10,
                Duration.ofSeconds(30)));
    }

    /**
     * An engine outside DS with every part given. A factory, not a constructor: SCR must see no other public
     * constructor with as many arguments as the activation one.
     */
    public static ActionEngineImpl create(ObjectStore store, DriverRegistry drivers, Installation installation,
                                          StatusService status, ProcessExecutor executor, InstanceFlags flags,
                                          int maxParallel, Duration drainTimeout) {
        return new ActionEngineImpl(new Parts(store, drivers, installation, status, executor, flags, maxParallel,
                drainTimeout));
    }

    private record Parts(ObjectStore store, DriverRegistry drivers, Installation installation, StatusService status,
                         ProcessExecutor executor, InstanceFlags flags, int maxParallel, Duration drainTimeout) {
    }

    private ActionEngineImpl(Parts p) {
        ObjectStore store = p.store();
        DriverRegistry drivers = p.drivers();
        Installation installation = p.installation();
        ProcessExecutor executor = p.executor();
        InstanceFlags flags = p.flags();
        int maxParallel = p.maxParallel();
        this.store = store;
        this.status = p.status();
        this.drivers = drivers;
        this.installation = installation;
        this.executor = executor;
        this.flags = flags;
        this.drainTimeout = p.drainTimeout();
        this.requirements = new Requirements(new InstanceStatusEvaluator(drivers, installation, executor, flags));
        int n = Math.max(1, maxParallel);
        AtomicLong threads = new AtomicLong();
        this.submitted = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "om-action-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // idle threads end: nothing is left behind between bursts
        submitted.allowCoreThreadTimeOut(true);
    }

    private static int maxParallel(NodeConfig c) {
        return (int) Math.max(1, Math.min(1000, c.getInt("node", "max_parallel", 10)));
    }

    private void resize(int n) {
        // the order matters: the core size may never exceed the maximum
        if (n > submitted.getMaximumPoolSize()) {
            submitted.setMaximumPoolSize(n);
            submitted.setCorePoolSize(n);
        } else {
            submitted.setCorePoolSize(n);
            submitted.setMaximumPoolSize(n);
        }
    }

    /**
     * Refuses new actions, lets running ones end for the drain bound, then cancels what is left and waits for
     * it (rollbacks included) as long again. Queued submissions fail with {@code daemon stopping}.
     */
    @Deactivate
    public void deactivate() {
        synchronized (this) {
            if (drained) {
                return;
            }
            drained = true;
        }
        if (context != null) {
            try {
                context.removeBundleListener(frameworkStop);
            } catch (IllegalStateException e) {
                // the bundle is stopping already: its listeners go with it
            }
        }
        if (settingsListener != null) {
            try {
                settingsListener.close();
            } catch (Exception e) {
                // the settings service is going away too
            }
        }
        stopping = true;
        List<Runnable> queued = new ArrayList<>();
        submitted.getQueue().drainTo(queued);
        for (Runnable r : queued) {
            if (r instanceof Submitted s) {
                s.future.completeExceptionally(new OmException(STOPPING));
            }
        }
        submitted.shutdown();
        if (!awaitIdle(drainTimeout)) {
            running.forEach(c -> c.cancel(STOPPING));
            awaitIdle(drainTimeout);
        }
    }

    /** Whether no action runs any more, waiting at most {@code d}; interrupts are ignored. */
    boolean awaitIdle(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (idle) {
            while (!running.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    // the drain is bounded; an interrupt does not shorten it
                }
            }
            return true;
        }
    }

    /** How many actions run now. */
    int runningCount() {
        return running.size();
    }

    @Override
    public ActionResult run(ActionRequest req) {
        // the engine's own token: the caller's cancel and the engine's stop both end the action
        Cancellation token = new Cancellation();
        running.add(token);
        try {
            if (stopping) {
                throw new OmException(STOPPING);
            }
            Cancellation caller = req.cancellation();
            try (Cancellation.Registration link = caller.onCancel(() -> token.cancel(caller.reason()))) {
                return bracketed(req, token);
            }
        } finally {
            running.remove(token);
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    @Override
    public CompletableFuture<ActionResult> submit(ActionRequest req) {
        CompletableFuture<ActionResult> future = new CompletableFuture<>();
        if (stopping) {
            future.completeExceptionally(new OmException(STOPPING));
            return future;
        }
        Cancellation token = new Cancellation();
        Cancellation caller = req.cancellation();
        Cancellation.Registration link = caller.onCancel(() -> token.cancel(caller.reason()));
        future.whenComplete((r, e) -> {
            link.close();
            if (future.isCancelled()) {
                token.cancel("cancelled");
            }
        });
        Submitted task = new Submitted(priority(req.path()), submitSeq.incrementAndGet(), future, () -> {
            if (future.isDone()) {
                return;
            }
            try {
                future.complete(run(req.withCancellation(token)));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        });
        try {
            submitted.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            future.completeExceptionally(new OmException(STOPPING));
        }
        return future;
    }

    /** A queued submission: lower object priority first, then first come. */
    private record Submitted(int priority, long seq, CompletableFuture<ActionResult> future, Runnable body)
            implements Runnable, Comparable<Submitted> {
        @Override
        public void run() {
            body.run();
        }

        @Override
        public int compareTo(Submitted o) {
            int c = Integer.compare(priority, o.priority);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private int priority(ObjectPath path) {
        try {
            return store.load(path).flatMap(c -> c.get(DEFAULT, "priority")).flatMap(Values::parseInt)
                    .map(Long::intValue).orElse(50);
        } catch (RuntimeException e) {
            return 50;
        }
    }

    /** The action between its brackets: the closing one is written whatever happens. */
    private ActionResult bracketed(ActionRequest req, Cancellation token) {
        // a pending interrupt would break the log's file writes (see SessionLog)
        Thread.interrupted();
        ObjectPath path = req.path();
        ActionBracket begin = ActionBracket.begin(Instant.now(), installation.nodename(), path.canonical(),
                logWord(req.action()), req.args(), req.origin(), req.sid());
        SessionLog log = new SessionLog(req.log(), begin.sid());
        log.log(begin.toEvent());
        try {
            ActionResult r = execute(req, log, token);
            log.log((r.ok() ? begin.done(Instant.now(), r.status() == null ? "n/a" : r.status().avail().word(),
                    log.warned()) : begin.failed(Instant.now(), r.error() == null ? "failed" : r.error())).toEvent());
            return r;
        } catch (RuntimeException | Error e) {
            log.log(begin.failed(Instant.now(), ActionRun.message(e)).toEvent());
            throw e;
        }
    }

    /** The action as the log names it: the command's words ({@code sync nodes} for {@code sync_nodes}). */
    private static String logWord(String action) {
        return LocalAction.of(action).map(LocalAction::logWord).orElse(action);
    }

    private ActionResult execute(ActionRequest req, SessionLog log, Cancellation token) {
        ObjectPath path = req.path();
        String action = req.action();
        ActionOptions options = req.options();
        LocalAction act = LocalAction.of(action).orElseThrow(() -> new OmException(path.canonical()
                + ": unsupported local action '" + action + "'"));
        ObjectConfig cfg = store.load(path)
                .orElseThrow(() -> new OmException(path.canonical() + ": object not found"));
        if (!path.kind().hasResources()) {
            throw new OmException(path.canonical() + ": " + action + " is not supported by " + path.kind()
                    + " objects");
        }
        checkNode(cfg);
        if (ResourceSpec.bool(cfg, DEFAULT, "disable")) {
            return new ActionResult(path, action, true, null, currentStatus(path));
        }
        ActionRun.ObjectLogger objectLog = objectLogger(cfg, act.logWord(), log);
        if (act == LocalAction.STOP && !options.filtered() && !options.dryRun()) {
            wholeInstanceStop(cfg, req.origin(), objectLog);
        }
        List<ResourceSpec> specs = new ArrayList<>();
        for (String rid : cfg.rids()) {
            specs.add(ResourceSpec.read(cfg, rid));
        }
        List<ResourceSpec> selected = switch (act) {
            case RUN -> tasks(path, specs, options);
            case SYNC_ALL, SYNC_NODES, SYNC_DRP -> syncs(path, specs, options);
            // every resource has a provisioned state; sync and task ones are provisioned, never started
            case PROVISION, UNPROVISION -> ResourceFilter.select(specs, options);
            default -> ResourceFilter.select(specs, options).stream().filter(ResourceSteps::startable).toList();
        };
        if (act.isSync()) {
            if (selected.isEmpty()) {
                objectLog.log(Level.INFO, "nothing to sync: no sync resource");
                return new ActionResult(path, action, true, null, currentStatus(path));
            }
            // only the instance holding the data copies it (the manual's "no-op if run from a node not running
            // the service"); a fresh evaluation, since a cached up may predate a stop by another process
            InstanceStatus now = refreshedStatus(path);
            if (now == null || now.avail() != om.api.status.Status.UP) {
                objectLog.log(Level.INFO, "skip: the instance is not up on this node");
                return new ActionResult(path, action, true, null, now);
            }
        }
        List<PlannedResource> plan = plan(cfg, selected, act, options, log, token);
        if (act.bringsUp()) {
            Map<String, String> problems = Preflight.problems(plan);
            Optional<String> invalid = preflight(plan, problems, objectLog);
            if (invalid.isPresent()) {
                return new ActionResult(path, action, false, invalid.get(), currentStatus(path));
            }
            plan = plan.stream().filter(r -> !problems.containsKey(r.spec().rid())).toList();
        }
        ResourceSteps steps = new ResourceSteps(options, requirements, flags);
        if (options.dryRun() || !act.locked()) {
            ActionRun.Outcome o = new ActionRun(act, plan, parallel(cfg), steps, false, objectLog, token).run();
            return new ActionResult(path, action, o.ok(), o.error(),
                    options.dryRun() ? currentStatus(path) : refreshedStatus(path));
        }
        Path varDir = installation.varDir(path);
        try (ObjectLocks.Held held = locks.acquire(varDir.resolve(act.lockFile()), path.canonical(), act.logWord(),
                log.sid(), waitlock(cfg, options), token)) {
            boolean rollback = !options.disableRollback()
                    && cfg.get(DEFAULT, "rollback").flatMap(Values::parseBool).orElse(true);
            ActionRun.Outcome o = new ActionRun(act, plan, parallel(cfg), steps, rollback, objectLog, token).run();
            if (o.ok() && (act == LocalAction.START || act == LocalAction.PROVISION)) {
                touch(varDir.resolve("last_start"));
            }
            return new ActionResult(path, action, o.ok(), o.error(), refreshedStatus(path));
        }
    }

    /**
     * A stop of the whole instance: the local expect goes back to none, and a user's stop freezes an
     * orchestrated instance first, so the daemon does not start it again behind the operator's back
     * (orchestration.md sections 8 and 9). The daemon's own stops (relocation) do not freeze.
     */
    private void wholeInstanceStop(ObjectConfig cfg, ActionBracket.Origin origin, ActionRun.ObjectLogger objectLog) {
        ObjectPath path = cfg.path();
        flags.setLocalExpect(path, InstanceFlags.LocalExpect.NONE);
        if (origin != ActionBracket.Origin.USER) {
            return;
        }
        String orchestrate = cfg.get(DEFAULT, "orchestrate").orElse("no");
        if (!orchestrate.equals("no") && flags.freeze(path)) {
            objectLog.log(Level.INFO, "freeze the instance (orchestrate = " + orchestrate + ")");
        }
    }

    /** The task resources {@code run} acts on; none is an error. */
    private static List<ResourceSpec> tasks(ObjectPath path, List<ResourceSpec> specs, ActionOptions options) {
        List<ResourceSpec> selected = ResourceFilter.only(path, specs, options, ResourceSteps::isTask,
                "is not a task resource, only tasks run");
        if (selected.isEmpty()) {
            throw new OmException(path.canonical() + ": no task resource to run");
        }
        return selected;
    }

    /** The sync resources a sync action acts on; none is no error: there is nothing to copy. */
    private static List<ResourceSpec> syncs(ObjectPath path, List<ResourceSpec> specs, ActionOptions options) {
        return ResourceFilter.only(path, specs, options, ResourceSteps::isSync,
                "is not a sync resource, only sync resources sync");
    }

    /**
     * Logs every keyword problem of the resources about to be brought up. Optional resources with one are
     * left out (their error is logged); any other makes the whole action fail before it acts.
     *
     * @return the action error, {@code <rid>: <problem>} of the first non-optional resource
     */
    private static Optional<String> preflight(List<PlannedResource> plan, Map<String, String> problems,
                                              ActionRun.ObjectLogger objectLog) {
        String first = null;
        for (PlannedResource r : plan) {
            String p = problems.get(r.spec().rid());
            if (p == null) {
                continue;
            }
            r.ctx().error(p);
            if (first == null && !r.spec().optional()) {
                first = r.spec().rid() + ": " + p;
            }
        }
        if (first != null) {
            objectLog.log(Level.INFO, "nothing done: invalid resource configuration");
        }
        return Optional.ofNullable(first);
    }

    /** Whether a subset section has {@code parallel = true}. */
    private static Predicate<String> parallel(ObjectConfig cfg) {
        return section -> {
            try {
                return cfg.get(section, "parallel").flatMap(Values::parseBool).orElse(false);
            } catch (OmException e) {
                return false;
            }
        };
    }

    private List<PlannedResource> plan(ObjectConfig cfg, List<ResourceSpec> selected, LocalAction action,
                                       ActionOptions options, ActionLog log, Cancellation token) {
        List<PlannedResource> plan = new ArrayList<>();
        for (ResourceSpec spec : selected) {
            ResourceContextImpl ctx = new ResourceContextImpl(cfg, spec.rid(), installation, options, log,
                    action.logWord(), executor, drivers).withCancellation(token);
            ResourceDriver driver = spec.driver(drivers).orElse(null);
            String label = driver == null ? spec.driverId()
                    : safe(() -> driver.label(ctx.lenient()), spec.driverId());
            String sortKey = driver == null ? null : safe(() -> driver.sortKey(ctx.lenient()), null);
            plan.add(new PlannedResource(spec, driver, ctx, label, sortKey));
        }
        plan.sort(ResourceOrder.comparator(PlannedResource::spec, PlannedResource::sortKey));
        if (action.stopOrder()) {
            Collections.reverse(plan);
        }
        return plan;
    }

    /** The local node must be one of the object's nodes or drpnodes (an empty list means the local node). */
    private void checkNode(ObjectConfig cfg) {
        List<String> nodes = new ArrayList<>(cfg.getList(DEFAULT, "nodes"));
        nodes.addAll(cfg.getList(DEFAULT, "drpnodes"));
        String node = installation.nodename();
        if (nodes.isEmpty()) {
            return;
        }
        for (String n : nodes) {
            if (n.equals(node) || (n.indexOf('*') >= 0 || n.indexOf('?') >= 0 || n.indexOf('[') >= 0)
                    && om.core.internal.config.Globs.compile(n).matches(node)) {
                return;
            }
        }
        throw new OmException(cfg.path().canonical() + ": the local node " + node
                + " is not in the object nodes or drpnodes");
    }

    private static Duration waitlock(ObjectConfig cfg, ActionOptions options) {
        if (options.waitlock() != null) {
            return options.waitlock();
        }
        return cfg.get(DEFAULT, "lock_timeout").flatMap(Values::parseDuration).orElse(DEFAULT_LOCK_TIMEOUT);
    }

    private ActionRun.ObjectLogger objectLogger(ObjectConfig cfg, String action, ActionLog log) {
        // the log is a SessionLog, which never throws
        return (level, message) -> log.log(new LogEvent(Instant.now(), level, installation.nodename(),
                cfg.path().canonical(), null, action, message));
    }

    private InstanceStatus refreshedStatus(ObjectPath path) {
        try {
            return status.refresh(path);
        } catch (RuntimeException e) {
            // the action's outcome stands even when the config became unreadable meanwhile
            return null;
        }
    }

    private InstanceStatus currentStatus(ObjectPath path) {
        try {
            return status.get(path);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void touch(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
            } else {
                Files.createFile(file);
            }
        } catch (IOException e) {
            // only placement by last start suffers; the start itself succeeded
        }
    }

    private static <T> T safe(java.util.function.Supplier<T> s, T fallback) {
        try {
            T v = s.get();
            return v == null ? fallback : v;
        } catch (RuntimeException | LinkageError e) {
            return fallback;
        }
    }
}
