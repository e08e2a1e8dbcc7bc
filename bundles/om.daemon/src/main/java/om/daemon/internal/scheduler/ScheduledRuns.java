package om.daemon.internal.scheduler;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import om.api.ObjectPath;
import om.api.action.ActionBracket;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.action.ActionRequest;
import om.api.action.LogEvent;
import om.api.schedule.Job;

/**
 * Where the scheduler's due jobs go: status and monitor jobs to the monitor's evaluation pool, sync and task jobs to
 * the action engine, as the CLI's {@code om <path> sync all --rid <rid>} and {@code om <path> run --rid <rid>} would
 * run them (same code, same locks, {@code node.max_parallel}), with origin {@code scheduler} and every line marked
 * scheduled ({@code sc:y}).
 */
public final class ScheduledRuns implements Scheduler.Sink {
    private final Consumer<ObjectPath> evaluate;
    private final Supplier<ActionEngine> engine;
    private final Supplier<ActionLog> log;

    public ScheduledRuns(Consumer<ObjectPath> evaluate, Supplier<ActionEngine> engine, Supplier<ActionLog> log) {
        this.evaluate = evaluate;
        this.engine = engine;
        this.log = log;
    }

    @Override
    public boolean due(ObjectPath path, Job job, Runnable done) {
        if (!job.isAction()) {
            evaluate.accept(path);
            done.run();
            return true;
        }
        ActionEngine e = engine.get();
        if (e == null) {
            return false;
        }
        ActionRequest req = new ActionRequest(path, engineAction(job), new ActionOptions(false, false, false,
                List.of(job.rid()), null, List.of(), null), ActionBracket.Origin.SCHEDULER,
                List.of("--rid", job.rid()), scheduled(log.get()), null, null);
        e.submit(req).whenComplete((r, err) -> done.run());
        return true;
    }

    /** The engine's action word: {@code run}, or {@code sync_all} (every target of the resource). */
    static String engineAction(Job job) {
        return job.action() == Job.Action.RUN ? "run" : "sync_all";
    }

    /** The log with every line marked scheduled. */
    static ActionLog scheduled(ActionLog l) {
        if (l == null) {
            return null;
        }
        return ev -> l.log(ev.scheduled() ? ev : new LogEvent(ev.at(), ev.level(), ev.node(), ev.path(), ev.rid(),
                ev.action(), ev.message(), ev.sid(), ev.subset(), true, ev.component()));
    }
}
