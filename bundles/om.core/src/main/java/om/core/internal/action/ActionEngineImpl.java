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
import java.util.UUID;
import java.util.function.Predicate;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import om.api.action.LogEvent;
import om.api.config.ObjectConfig;
import om.api.config.ObjectStore;
import om.api.config.Values;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.StatusService;
import om.core.internal.driver.ResourceContextImpl;
import om.core.internal.driver.ResourceOrder;
import om.core.internal.driver.ResourceSpec;
import om.core.internal.exec.ProcessExecutor;
import om.core.internal.status.InstanceStatusEvaluator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The local action engine: {@code start}, {@code stop}, {@code provision}, {@code unprovision} and {@code run} on
 * the local instance of an object, over the resources the filters select, in group order (orchestration.md
 * sections 9 and 10). All but {@code run} hold the object's action lock. Drivers are looked up when the action
 * begins, so a driver deployed a moment ago is used.
 */
@Component(service = ActionEngine.class)
public final class ActionEngineImpl implements ActionEngine {
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
    static final String LOCK_FILE = "lock.generic";
    private static final String DEFAULT = "DEFAULT";

    private final ObjectStore store;
    private final DriverRegistry drivers;
    private final Installation installation;
    private final StatusService status;
    private final ProcessExecutor executor;
    private final Requirements requirements;
    private final ObjectLocks locks = new ObjectLocks();

    @Activate
    public ActionEngineImpl(@Reference ObjectStore store, @Reference DriverRegistry drivers,
                            @Reference Installation installation, @Reference StatusService status) {
        this(store, drivers, installation, status, new ProcessExecutor());
    }

    public ActionEngineImpl(ObjectStore store, DriverRegistry drivers, Installation installation,
                            StatusService status, ProcessExecutor executor) {
        this.store = store;
        this.drivers = drivers;
        this.installation = installation;
        this.status = status;
        this.executor = executor;
        this.requirements = new Requirements(new InstanceStatusEvaluator(drivers, installation, executor));
    }

    @Override
    public ActionResult run(ObjectPath path, String action, ActionOptions options, ActionLog callerLog) {
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
        ActionLog log = SerializedLog.of(callerLog);
        List<ResourceSpec> specs = new ArrayList<>();
        for (String rid : cfg.rids()) {
            specs.add(ResourceSpec.read(cfg, rid));
        }
        List<ResourceSpec> selected = switch (act) {
            case RUN -> tasks(path, specs, options);
            // every resource has a provisioned state; sync and task ones are provisioned, never started
            case PROVISION, UNPROVISION -> ResourceFilter.select(specs, options);
            default -> ResourceFilter.select(specs, options).stream().filter(ResourceSteps::startable).toList();
        };
        List<PlannedResource> plan = plan(cfg, selected, act, options, log);
        ActionRun.ObjectLogger objectLog = objectLogger(cfg, action, log);
        if (act.bringsUp()) {
            Map<String, String> problems = Preflight.problems(plan);
            Optional<String> invalid = preflight(plan, problems, objectLog);
            if (invalid.isPresent()) {
                return new ActionResult(path, action, false, invalid.get(), currentStatus(path));
            }
            plan = plan.stream().filter(r -> !problems.containsKey(r.spec().rid())).toList();
        }
        ResourceSteps steps = new ResourceSteps(options, requirements);
        if (options.dryRun() || !act.locked()) {
            ActionRun.Outcome o = new ActionRun(act, plan, parallel(cfg), steps, false, objectLog).run();
            return new ActionResult(path, action, o.ok(), o.error(),
                    options.dryRun() ? currentStatus(path) : refreshedStatus(path));
        }
        Path varDir = installation.varDir(path);
        try (ObjectLocks.Held held = locks.acquire(varDir.resolve(LOCK_FILE), path.canonical(), action,
                UUID.randomUUID().toString(), waitlock(cfg, options))) {
            boolean rollback = !options.disableRollback()
                    && cfg.get(DEFAULT, "rollback").flatMap(Values::parseBool).orElse(true);
            ActionRun.Outcome o = new ActionRun(act, plan, parallel(cfg), steps, rollback, objectLog).run();
            if (o.ok() && (act == LocalAction.START || act == LocalAction.PROVISION)) {
                touch(varDir.resolve("last_start"));
            }
            return new ActionResult(path, action, o.ok(), o.error(), refreshedStatus(path));
        }
    }

    /**
     * The task resources {@code run} acts on: all of them in rid order, or those the filters select; a
     * filter selecting another resource is an error, since only tasks run.
     */
    private static List<ResourceSpec> tasks(ObjectPath path, List<ResourceSpec> specs, ActionOptions options) {
        List<ResourceSpec> selected = ResourceFilter.select(options.rids().isEmpty() ? specs.stream()
                .filter(ResourceSteps::isTask).toList() : specs, options);
        for (ResourceSpec s : selected) {
            if (!ResourceSteps.isTask(s)) {
                throw new OmException(path.canonical() + ": " + s.rid() + " is not a task resource, only tasks run");
            }
        }
        if (selected.isEmpty()) {
            throw new OmException(path.canonical() + ": no task resource to run");
        }
        return selected;
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
                                       ActionOptions options, ActionLog log) {
        List<PlannedResource> plan = new ArrayList<>();
        for (ResourceSpec spec : selected) {
            ResourceContextImpl ctx = new ResourceContextImpl(cfg, spec.rid(), installation, options, log,
                    action.word(), executor, drivers);
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
        // the log is a SerializedLog, which never throws
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
