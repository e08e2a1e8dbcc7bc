package om.driver.app.internal;

import om.api.action.ActionBracket;
import java.time.Duration;
import java.util.List;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** Runs an app action command to completion, with the OpenSVC log lines around it. */
public final class ActionRunner {
    // only used if the core answers no timeout at all; the object-level default normally applies
    static final Duration FALLBACK_TIMEOUT = Duration.ofHours(1);

    private ActionRunner() {
    }

    /**
     * Logs {@code exec <command> as user <user>}, runs the command with its output in the action log, then logs
     * {@code <action> done in <elapsed> - ret <code>}.
     *
     * @throws ActionException when the command cannot run, times out or exits non-zero
     */
    public static void run(ResourceContext ctx, AppSettings s, String action, List<String> command)
            throws ActionException {
        PreparedCommand pc = PreparedCommand.prepare(ctx, s, command, false);
        Duration timeout = timeout(ctx, action);
        ctx.info(pc.execLine());
        if (ctx.options() != null && ctx.options().dryRun()) {
            return;
        }
        ExecResult r = ctx.exec(new ExecRequest(pc.argv(), pc.cwd(), pc.env(), timeout, true));
        if (r.timedOut()) {
            throw new ActionException(action + " timed out after " + Values.formatDuration(timeout));
        }
        if (r.error() != null) {
            throw new ActionException(action + " failed: " + r.error());
        }
        ctx.info(action + " done in " + ActionBracket.elapsed(r.elapsed()) + " - ret " + r.exitCode());
        if (r.exitCode() != 0) {
            throw new ActionException(action + " failed with ret " + r.exitCode());
        }
    }

    /** The timeout of an action for this resource, from the context. */
    public static Duration timeout(ResourceContext ctx, String action) {
        Duration d = ctx.timeout(action);
        return d != null ? d : FALLBACK_TIMEOUT;
    }
}
