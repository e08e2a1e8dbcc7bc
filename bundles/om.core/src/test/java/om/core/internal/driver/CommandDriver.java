package om.core.internal.driver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.config.Keyword;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.Status;

/**
 * An app-like driver ({@code app.cmd}) whose start, stop and check are real shell commands run through the
 * context, as app.forking runs its commands: the engine's cancellation and the executor act on real processes.
 * Commands are set per rid in the maps; a missing start or stop command does nothing, a missing check is down.
 */
public final class CommandDriver implements ResourceDriver {
    public final Map<String, String> start = new ConcurrentHashMap<>();
    public final Map<String, String> stop = new ConcurrentHashMap<>();
    public final Map<String, String> check = new ConcurrentHashMap<>();
    public final List<String> journal = new CopyOnWriteArrayList<>();

    @Override
    public String group() {
        return "app";
    }

    @Override
    public String type() {
        return "cmd";
    }

    @Override
    public List<Keyword> keywords() {
        return List.of();
    }

    @Override
    public String label(ResourceContext ctx) {
        return "cmd " + ctx.rid();
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        String c = check.get(ctx.rid());
        if (c == null) {
            return CheckResult.of(Status.DOWN);
        }
        ExecResult r = ctx.exec(new ExecRequest(List.of("sh", "-c", c), null, Map.of(), Duration.ofSeconds(30),
                false));
        return CheckResult.of(r.ok() ? Status.UP : Status.DOWN);
    }

    @Override
    public void start(ResourceContext ctx) throws ActionException {
        run(ctx, "start", start.get(ctx.rid()));
    }

    @Override
    public void stop(ResourceContext ctx) throws ActionException {
        run(ctx, "stop", stop.get(ctx.rid()));
    }

    @Override
    public boolean stopNeeded(ResourceContext ctx, Status current) {
        return true;
    }

    private void run(ResourceContext ctx, String action, String command) throws ActionException {
        journal.add(action + " " + ctx.rid());
        if (command == null) {
            return;
        }
        ctx.act(List.of("sh", "-c", command), Map.of(), Duration.ofMinutes(5));
        journal.add(action + "ed " + ctx.rid());
    }
}
