package om.driver.task.internal;

import om.api.action.ActionBracket;
import om.api.driver.Retcodes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import om.api.config.Keyword;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.LogEntry;
import om.api.status.Status;
import org.osgi.service.component.annotations.Component;

/**
 * task.host: a command run on demand ({@code om <path> run}) or on schedule, never by start or stop. Runs are
 * limited by max_parallel, their output goes to the action log, and the last result is kept for the status.
 */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=task", ResourceDriver.TYPE + "=host"})
public final class TaskDriver implements ResourceDriver {
    static final String RUN_DIR = "run";
    // only used if the core answers no timeout at all
    private static final Duration FALLBACK_TIMEOUT = Duration.ofHours(1);

    private final RunSlots slots = new RunSlots();

    public TaskDriver() {
        // no references: everything comes from the ResourceContext of each call
    }

    @Override
    public String group() {
        return "task";
    }

    @Override
    public String type() {
        return "host";
    }

    @Override
    public List<Keyword> keywords() {
        return TaskKeywords.all();
    }

    @Override
    public String label(ResourceContext ctx) {
        return "task " + ctx.value("command").map(String::strip).orElse("");
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        CheckMode mode;
        Retcodes retcodes;
        try {
            mode = CheckMode.parse(TaskKeywords.value(ctx, "check").orElse(null));
            retcodes = Retcodes.parse(TaskKeywords.value(ctx, "retcodes").orElse(null));
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
        if (mode == CheckMode.UNSET) {
            return CheckResult.of(Status.NA);
        }
        Optional<LastRun> last = LastRun.read(lastRunFile(ctx));
        if (last.isEmpty()) {
            return CheckResult.of(Status.NA);
        }
        LastRun run = last.get();
        boolean ok = run.success(retcodes);
        if (mode == CheckMode.LAST_RUN_WARN) {
            return ok ? CheckResult.of(Status.NA)
                    : CheckResult.of(Status.NA, LogEntry.warn("last run failed (" + run.failure() + ") at "
                    + run.startedAt()));
        }
        if (run.error() != null || run.timedOut()) {
            return CheckResult.of(Status.DOWN, LogEntry.info("last run failed (" + run.failure() + ") at "
                    + run.startedAt()));
        }
        Status s = retcodes.status(run.exitCode());
        return ok ? CheckResult.of(s)
                : CheckResult.of(s, LogEntry.info("last run ret " + run.exitCode() + " at " + run.startedAt()));
    }

    /** Tasks are not started by start: the engine skips them; nothing to do if asked anyway. */
    @Override
    public void start(ResourceContext ctx) {
        // a task has no running state to bring up
    }

    @Override
    public void stop(ResourceContext ctx) {
        // a task has no running state to bring down
    }

    @Override
    public void run(ResourceContext ctx) throws ActionException {
        TaskSettings s = TaskSettings.from(ctx);
        TaskCommand cmd = TaskCommand.prepare(ctx, s, s.command());
        if (ctx.options() != null && ctx.options().dryRun()) {
            ctx.info(cmd.execLine());
            return;
        }
        try (RunSlots.Slot slot = slots.acquire(ctx.varDir().resolve(RUN_DIR), s.maxParallel())) {
            Duration timeout = timeout(ctx);
            ctx.info(cmd.execLine());
            Instant started = Instant.now();
            ExecResult r = ctx.exec(cmd.request(timeout, s.log()));
            LastRun run = new LastRun(started, Instant.now(), r.timedOut() ? -1 : r.exitCode(), r.timedOut(),
                    r.error());
            record(ctx, run);
            if (run.error() == null && !run.timedOut()) {
                ctx.info("run done in " + ActionBracket.elapsed(r.elapsed()) + " - ret " + r.exitCode());
            }
            if (run.success(s.retcodes())) {
                return;
            }
            onError(ctx, s, timeout);
            throw new ActionException(run.timedOut() ? "run timed out after " + Values.formatDuration(timeout)
                    : run.error() != null ? "run failed: " + run.error() : "run failed with ret " + run.exitCode());
        }
    }

    /** The on_error command: its own failure is only a warning, the run failure is what the caller reports. */
    private static void onError(ResourceContext ctx, TaskSettings s, Duration timeout) {
        if (s.onError().isEmpty()) {
            return;
        }
        try {
            TaskCommand cmd = TaskCommand.prepare(ctx, s, s.onError());
            ctx.info("on_error: " + cmd.execLine());
            ExecResult r = ctx.exec(cmd.request(timeout, true));
            if (!r.ok()) {
                ctx.warn("on_error failed: " + (r.error() != null ? r.error()
                        : r.timedOut() ? "timed out" : "ret " + r.exitCode()));
            }
        } catch (ActionException e) {
            ctx.warn("on_error failed: " + e.getMessage());
        }
    }

    private static void record(ResourceContext ctx, LastRun run) {
        try {
            run.write(lastRunFile(ctx));
        } catch (IOException e) {
            ctx.warn("cannot record the last run in " + lastRunFile(ctx) + ": " + e.getMessage());
        }
    }

    static Path lastRunFile(ResourceContext ctx) {
        return ctx.varDir().resolve(LastRun.FILE);
    }

    private static Duration timeout(ResourceContext ctx) {
        Duration d = ctx.timeout("run");
        return d != null ? d : FALLBACK_TIMEOUT;
    }
}
