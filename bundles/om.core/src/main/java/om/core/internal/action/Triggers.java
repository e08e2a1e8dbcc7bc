package om.core.internal.action;

import java.util.List;
import java.util.Map;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.core.internal.driver.ResourceContextImpl;

/**
 * The {@code pre_<a>}, {@code blocking_pre_<a>}, {@code post_<a>} and {@code blocking_post_<a>} commands of a
 * resource: a failing blocking trigger fails the resource action, a failing other one is only logged.
 */
final class Triggers {
    enum When { PRE, POST }

    private Triggers() {
    }

    /** Runs the blocking trigger, then the non-blocking one, of {@code when} for {@code action}. */
    static void run(ResourceContextImpl ctx, When when, String action) throws ActionException {
        String base = when.name().toLowerCase(java.util.Locale.ROOT) + "_" + action;
        runOne(ctx, "blocking_" + base, action, true);
        runOne(ctx, base, action, false);
    }

    private static void runOne(ResourceContextImpl ctx, String key, String action, boolean blocking)
            throws ActionException {
        String command = ctx.value(key).map(String::trim).orElse("");
        if (command.isEmpty()) {
            return;
        }
        String failure;
        try {
            List<String> argv = Values.splitCommand(command);
            ctx.info(key + ": " + command);
            ExecResult r = ctx.exec(new ExecRequest(argv, null, env(ctx, action), ctx.timeout(action), true));
            failure = r.ok() ? null : reason(r);
        } catch (IllegalArgumentException e) {
            failure = e.getMessage();
        }
        if (failure == null) {
            return;
        }
        String msg = key + " trigger failed: " + failure;
        if (blocking) {
            throw new ActionException(msg);
        }
        ctx.warn(msg);
    }

    static String reason(ExecResult r) {
        if (r.error() != null) {
            return r.error();
        }
        return "exit code " + r.exitCode();
    }

    /** What a trigger script may want to know about its caller. */
    private static Map<String, String> env(ResourceContextImpl ctx, String action) {
        return Map.of("OPENSVC_RID", ctx.rid(),
                "OPENSVC_SVCPATH", ctx.path().canonical(),
                "OPENSVC_SVCNAME", ctx.path().name(),
                "OPENSVC_NAMESPACE", ctx.path().namespace(),
                "OPENSVC_KIND", ctx.path().kind().word(),
                "OPENSVC_ACTION", action);
    }
}
