package om.core.internal.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import om.api.Cancellation;
import om.api.Installation;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.driver.CheckResult;
import om.api.driver.DriverRegistry;
import om.api.driver.ResourceDriver;
import om.api.status.Aggregate;
import om.api.status.InstanceFlags;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;
import om.core.internal.driver.DeviceReferenceException;
import om.core.internal.driver.ProvisionRecord;
import om.core.internal.driver.ResourceContextImpl;
import om.core.internal.driver.ResourceOrder;
import om.core.internal.driver.ResourceSpec;
import om.core.internal.driver.RunningMarker;
import om.core.internal.exec.ProcessExecutor;

/**
 * Evaluates the status of an instance now (status.md sections 2 and 3): each resource through its driver,
 * then the overall, avail and optional aggregates. Never throws for a resource: what goes wrong becomes its
 * status and log entries.
 */
public final class InstanceStatusEvaluator {
    public static final Duration DEFAULT_STATUS_TIMEOUT = Duration.ofMinutes(1);
    private static final String DEFAULT = "DEFAULT";

    private final DriverRegistry drivers;
    private final Installation installation;
    private final ProcessExecutor executor;
    private final InstanceFlags flags;

    public InstanceStatusEvaluator(DriverRegistry drivers, Installation installation, ProcessExecutor executor) {
        this(drivers, installation, executor, new InstanceFlagsImpl(installation));
    }

    public InstanceStatusEvaluator(DriverRegistry drivers, Installation installation, ProcessExecutor executor,
                                   InstanceFlags flags) {
        this.drivers = drivers;
        this.installation = installation;
        this.executor = executor;
        this.flags = flags;
    }

    /** The instance status with, per rid, whether its driver was deployed. */
    public record Evaluation(InstanceStatus status, Map<String, Boolean> driverPresent) {
    }

    public Evaluation evaluate(ObjectConfig cfg) {
        Duration statusTimeout = cfg.get(DEFAULT, "status_timeout").flatMap(Values::parseDuration)
                .orElse(DEFAULT_STATUS_TIMEOUT);
        List<ResourceEvaluation> evals = new ArrayList<>();
        for (String rid : cfg.rids()) {
            evals.add(evaluate(cfg, rid, statusTimeout));
        }
        evals.sort(ResourceOrder.comparator(ResourceEvaluation::spec, ResourceEvaluation::sortKey));
        Map<String, ResourceStatus> resources = new LinkedHashMap<>();
        Map<String, Boolean> present = new LinkedHashMap<>();
        for (ResourceEvaluation e : evals) {
            resources.put(e.spec().rid(), e.status());
            present.put(e.spec().rid(), e.driverPresent());
        }
        elsewhereNotApplicable(resources);
        Aggregates agg = Aggregates.of(resources.values());
        Path varDir = installation.varDir(cfg.path());
        Instant frozenAt = flags.frozenAt(cfg.path()).orElse(null);
        String provisioned = provisioned(resources.values());
        InstanceStatus status = new InstanceStatus(cfg.path().canonical(), installation.nodename(),
                cfg.path().kind().word(), cfg.getOrDefault(DEFAULT, "topology", "failover"),
                cfg.getOrDefault(DEFAULT, "orchestrate", "no"), agg.avail(), agg.overall(), agg.optional(),
                provisioned, frozenAt != null, frozenAt, Instant.now(), mtime(varDir.resolve("last_start")),
                running(resources.values()), resources,
                cfg.get(DEFAULT, "priority").flatMap(Values::parseInt).map(Long::intValue).orElse(50));
        return new Evaluation(status, present);
    }

    /**
     * Sync resources report on the node holding the data, where the instance is up; on any other node their
     * copies are not this node's business, so they show {@code n/a} without entries (heartbeats-and-daemon.md
     * section 8, "elsewhere n/a"). Avail never counts sync resources, so it can be read before.
     */
    static void elsewhereNotApplicable(Map<String, ResourceStatus> resources) {
        if (Aggregates.of(resources.values()).avail() == Status.UP) {
            return;
        }
        resources.replaceAll((rid, r) -> !r.group().equals("sync") ? r : new ResourceStatus(r.rid(), r.type(),
                r.label(), Status.NA, r.provisioned(), r.monitor(), r.disable(), r.optional(), r.standby(),
                r.encap(), r.stopped(), r.running(), r.restart(), r.restartRemaining(), r.subset(), r.tags(),
                List.of()));
    }

    /**
     * The instance provisioned state (status.md section 3): {@code true} when every resource is, {@code false}
     * when none is, {@code mixed} otherwise, {@code n/a} without resources. Disabled resources are left out:
     * provisioning skips them. Resources whose state is undef count for neither.
     */
    public static String provisioned(Iterable<ResourceStatus> resources) {
        boolean any = false;
        boolean anyTrue = false;
        boolean anyFalse = false;
        for (ResourceStatus r : resources) {
            if (r.disable()) {
                continue;
            }
            any = true;
            anyTrue |= ProvisionRecord.TRUE.equals(r.provisioned());
            anyFalse |= ProvisionRecord.FALSE.equals(r.provisioned());
        }
        if (!any) {
            return "n/a";
        }
        if (anyTrue && anyFalse) {
            return "mixed";
        }
        return anyFalse ? ProvisionRecord.FALSE : anyTrue ? ProvisionRecord.TRUE : "undef";
    }

    /** The rids whose running flag is set, in display order. */
    public static List<String> running(Iterable<ResourceStatus> resources) {
        List<String> out = new ArrayList<>();
        resources.forEach(r -> {
            if (r.running()) {
                out.add(r.rid());
            }
        });
        return out;
    }

    /** The three instance aggregates of status.md section 3. */
    public record Aggregates(Status overall, Status avail, Status optional) {
        public static Aggregates of(Iterable<ResourceStatus> resources) {
            Aggregate overall = new Aggregate();
            Aggregate avail = new Aggregate();
            Aggregate optional = new Aggregate();
            for (ResourceStatus r : resources) {
                overall.add(r.status());
                if (r.hasWarnOrError()) {
                    overall.add(Status.WARN);
                }
                boolean accessory = r.optional() || r.group().equals("sync") || r.group().equals("task");
                (accessory ? optional : avail).add(r.status());
            }
            return new Aggregates(overall.result(), avail.result(), optional.result());
        }
    }

    /** One resource, evaluated now; never throws. */
    public ResourceEvaluation evaluate(ObjectConfig cfg, String rid, Duration statusTimeout) {
        Path ridDir = installation.varDir(cfg.path()).resolve(rid);
        boolean running = RunningMarker.isRunning(ridDir);
        ResourceSpec spec;
        try {
            spec = ResourceSpec.read(cfg, rid);
        } catch (RuntimeException e) {
            // an unreadable section still shows, with the reason, so the operator sees which one
            int i = rid.indexOf('#');
            spec = new ResourceSpec(rid, i > 0 ? rid.substring(0, i) : rid, null, null, List.of(), false, false,
                    false, false, 0);
            return new ResourceEvaluation(spec, status(spec, spec.group(), Status.UNDEF, ProvisionRecord.UNDEF,
                    running, stopped(cfg, rid), List.of(LogEntry.error(message(e)))), false, null);
        }
        Optional<ResourceDriver> driver = spec.driver(drivers);
        List<LogEntry> entries = new CopyOnWriteArrayList<>();
        ActionLog collect = ev -> {
            if (ev.level() != Level.DEBUG) {
                entries.add(new LogEntry(ev.level(), ev.message()));
            }
        };
        Cancellation cancel = new Cancellation();
        ResourceContextImpl ctx = new ResourceContextImpl(cfg, rid, installation, ActionOptions.defaults(),
                collect, "status", executor, drivers).withCancellation(cancel);
        boolean stopped = stopped(cfg, rid);
        String label = driver.map(d -> label(d, ctx.lenient())).orElse(spec.driverId());
        String sortKey = driver.map(d -> sortKey(d, ctx.lenient())).orElse(null);
        Status st;
        String provisioned;
        if (spec.disable() || spec.nostatus()) {
            st = Status.NA;
            provisioned = ProvisionRecord.effective(null, ctx);
        } else if (driver.isEmpty()) {
            st = Status.NA;
            provisioned = ProvisionRecord.effective(null, ctx);
            entries.add(LogEntry.warn(spec.type() == null ? rid + ".type is not set"
                    : "driver " + spec.driverId() + " is not available"));
        } else {
            Check c = check(driver.get(), ctx, cancel, statusTimeout, entries);
            st = spec.standby() ? c.status().standby() : c.status();
            provisioned = c.provisioned();
        }
        if (ProvisionRecord.TRUE.equals(provisioned) && ("sync".equals(spec.group()) || "task".equals(spec.group()))
                && ProvisionRecord.read(ctx.objectVarDir().resolve(spec.rid())).isEmpty()) {
            // sync and task resources have nothing of their own to provision (the sample's task#backup ...../..)
            provisioned = "n/a";
        }
        return new ResourceEvaluation(spec, status(spec, label, st, provisioned, running, stopped,
                List.copyOf(entries)), driver.isPresent(), sortKey);
    }

    /** A driver's answers: status and provisioned state. */
    private record Check(Status status, String provisioned) {
    }

    private boolean stopped(ObjectConfig cfg, String rid) {
        try {
            return flags.stopped(cfg.path(), rid);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs the check in the pool, given up (its command killed) {@code timeout} after it started; a check waiting
     * for a pool thread waits at most as long again, so a burst of checks does not time out the queued ones.
     */
    private static Check check(ResourceDriver driver, ResourceContextImpl ctx, Cancellation cancel,
                               Duration timeout, List<LogEntry> entries) {
        java.util.concurrent.atomic.AtomicLong startedAt = new java.util.concurrent.atomic.AtomicLong();
        // 0 running, 1 returned, 2 given up while running
        java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();
        FutureTask<Check> task = new FutureTask<>(() -> {
            startedAt.set(System.nanoTime());
            try {
                CheckResult r = driver.status(ctx);
                String prov = ProvisionRecord.effective(driver, ctx);
                return r == null || r.status() == null ? new Check(null, prov) : checked(r, ctx, entries, prov);
            } finally {
                if (state.getAndSet(1) == 2) {
                    CheckPool.returned();
                }
            }
        });
        long queuedAt = System.nanoTime();
        CheckPool.POOL.execute(task);
        try {
            while (true) {
                long started = startedAt.get();
                long deadline = (started == 0 ? queuedAt : started) + timeout.toNanos();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException();
                }
                try {
                    // in slices while queued: the deadline moves once the check starts
                    Check c = task.get(started == 0 ? Math.min(left, 50_000_000L) : left, TimeUnit.NANOSECONDS);
                    if (c.status() == null) {
                        entries.add(LogEntry.error("driver " + driver.id() + " returned no status"));
                        return new Check(Status.UNDEF, c.provisioned());
                    }
                    return c;
                } catch (TimeoutException e) {
                    if (startedAt.get() != 0 && System.nanoTime() - (startedAt.get() + timeout.toNanos()) >= 0) {
                        throw e;
                    }
                } catch (InterruptedException e) {
                    // not a stop request (the check is bounded by its timeout), and kept set it would break the
                    // cache write that follows (an interrupted thread cannot write through a FileChannel)
                }
            }
        } catch (TimeoutException e) {
            // the check's command is killed; a queued check never starts
            cancel.cancel("status timeout");
            task.cancel(false);
            if (startedAt.get() != 0 && state.compareAndSet(0, 2)) {
                CheckPool.givenUp();
            }
            entries.add(LogEntry.error("status timeout"));
            return new Check(Status.UNDEF, ProvisionRecord.UNDEF);
        } catch (ExecutionException e) {
            Optional<DeviceReferenceException> unexposed = DeviceReferenceException.notExposedIn(e.getCause())
                    .or(ctx::unexposedReference);
            if (unexposed.isPresent()) {
                entries.add(LogEntry.info(unexposed.get().getMessage()));
                return new Check(Status.DOWN, ProvisionRecord.effective(null, ctx));
            }
            entries.add(LogEntry.error(message(e.getCause())));
            return new Check(Status.UNDEF, ProvisionRecord.effective(null, ctx));
        } catch (java.util.concurrent.CancellationException e) {
            entries.add(LogEntry.error("status timeout"));
            return new Check(Status.UNDEF, ProvisionRecord.UNDEF);
        }
    }

    /**
     * The driver's answer, except when the check could not read a device because the resource exposing it
     * exposes nothing now (is down): then the resource is down, with that reason instead of the driver's
     * complaints about the unreadable value. What the resource stands on is absent, so it cannot be up.
     */
    private static Check checked(CheckResult r, ResourceContextImpl ctx, List<LogEntry> entries, String prov) {
        Optional<DeviceReferenceException> unexposed = ctx.unexposedReference();
        boolean derailed = r.status() == Status.UNDEF || r.status() == Status.DOWN || r.status() == Status.NA;
        if (derailed && unexposed.isPresent()) {
            entries.add(LogEntry.info(unexposed.get().getMessage()));
            return new Check(Status.DOWN, prov);
        }
        entries.addAll(r.log());
        return new Check(r.status(), prov);
    }

    private static ResourceStatus status(ResourceSpec spec, String label, Status st, String provisioned,
                                         boolean running, boolean stopped, List<LogEntry> log) {
        return new ResourceStatus(spec.rid(), spec.driverId(), label, st, provisioned, spec.monitor(),
                spec.disable(), spec.optional(), spec.standby(), false, stopped, running, spec.restart(),
                spec.restart(), spec.subset(), spec.tags(), log);
    }

    private static String label(ResourceDriver d, ResourceContextImpl ctx) {
        try {
            String l = d.label(ctx);
            return l == null ? d.id() : l;
        } catch (RuntimeException | LinkageError e) {
            return d.id();
        }
    }

    private static String sortKey(ResourceDriver d, ResourceContextImpl ctx) {
        try {
            return d.sortKey(ctx);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    static String message(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    static Instant mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
