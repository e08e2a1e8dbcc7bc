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
import java.util.Set;
import java.util.UUID;
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
import om.api.status.StatusService;
import om.core.internal.driver.ResourceContextImpl;
import om.core.internal.driver.ResourceOrder;
import om.core.internal.driver.ResourceSpec;
import om.core.internal.exec.ProcessExecutor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The local action engine: {@code start} and {@code stop} on the local instance of an object, under the
 * object's action lock, over the resources the filters select, in group order (orchestration.md sections 9
 * and 10). Drivers are looked up when the action begins, so a driver deployed a moment ago is used.
 */
@Component(service = ActionEngine.class)
public final class ActionEngineImpl implements ActionEngine {
    static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);
    static final String LOCK_FILE = "lock.generic";
    private static final String DEFAULT = "DEFAULT";
    /** Groups start and stop act on, in start order; sync and task resources have their own verbs. */
    private static final List<String> ACTION_GROUPS = List.of("ip", "disk", "fs", "share", "container", "app");

    private final ObjectStore store;
    private final DriverRegistry drivers;
    private final Installation installation;
    private final StatusService status;
    private final ProcessExecutor executor;
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
    }

    @Override
    public ActionResult run(ObjectPath path, String action, ActionOptions options, ActionLog log) {
        if (!Set.of(ActionRun.START, ActionRun.STOP).contains(action)) {
            throw new OmException(path.canonical() + ": unsupported local action '" + action + "'");
        }
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
        List<ResourceSpec> specs = new ArrayList<>();
        for (String rid : cfg.rids()) {
            specs.add(ResourceSpec.read(cfg, rid));
        }
        List<ResourceSpec> selected = ResourceFilter.select(specs, options);
        List<PlannedResource> plan = plan(cfg, selected, action, options, log);
        if (options.dryRun()) {
            ActionRun.Outcome o = new ActionRun(action, plan, options, false, objectLogger(cfg, action, log)).run();
            return new ActionResult(path, action, o.ok(), o.error(), currentStatus(path));
        }
        Path varDir = installation.varDir(path);
        try (ObjectLocks.Held held = locks.acquire(varDir.resolve(LOCK_FILE), path.canonical(), action,
                UUID.randomUUID().toString(), waitlock(cfg, options))) {
            boolean rollback = !options.disableRollback()
                    && cfg.get(DEFAULT, "rollback").flatMap(Values::parseBool).orElse(true);
            ActionRun.Outcome o = new ActionRun(action, plan, options, rollback, objectLogger(cfg, action, log))
                    .run();
            if (o.ok() && action.equals(ActionRun.START)) {
                touch(varDir.resolve("last_start"));
            }
            return new ActionResult(path, action, o.ok(), o.error(), refreshedStatus(path));
        }
    }

    private List<PlannedResource> plan(ObjectConfig cfg, List<ResourceSpec> selected, String action,
                                       ActionOptions options, ActionLog log) {
        List<PlannedResource> plan = new ArrayList<>();
        for (ResourceSpec spec : selected) {
            if (!ACTION_GROUPS.contains(spec.group())) {
                continue;
            }
            ResourceContextImpl ctx = new ResourceContextImpl(cfg, spec.rid(), installation, options, log, action,
                    executor);
            ResourceDriver driver = spec.driver(drivers).orElse(null);
            String label = driver == null ? spec.driverId() : safe(() -> driver.label(ctx), spec.driverId());
            String sortKey = driver == null ? null : safe(() -> driver.sortKey(ctx), null);
            plan.add(new PlannedResource(spec, driver, ctx, label, sortKey));
        }
        plan.sort(ResourceOrder.comparator(PlannedResource::spec, PlannedResource::sortKey));
        if (action.equals(ActionRun.STOP)) {
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
                    && ResourceFilter.glob(n).matcher(node).matches()) {
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
        return (level, message) -> {
            try {
                log.log(new LogEvent(Instant.now(), level, installation.nodename(), cfg.path().canonical(), null,
                        action, message));
            } catch (RuntimeException e) {
                // ActionLog promises not to throw; a broken sink must not break the action
            }
        };
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
