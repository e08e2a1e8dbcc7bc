package om.driver.ip.internal;

import java.time.Duration;
import java.util.List;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** Runs the network tools through the resource context, turning failures into one-line reasons. */
public final class Commands {
    private Commands() {
    }

    /** Runs {@code argv} without logging its output; a failure throws with the tool's own first error line. */
    public static String run(ResourceContext ctx, List<String> argv, Duration timeout) throws ActionException {
        ExecResult r = ctx.exec(new ExecRequest(argv, null, java.util.Map.of(), timeout, false));
        if (!r.ok()) {
            throw new ActionException(String.join(" ", argv) + " failed: " + reason(r));
        }
        return r.stdout();
    }

    /** Why a process failed, in a few words. */
    public static String reason(ExecResult r) {
        if (r.error() != null) {
            return r.error();
        }
        if (r.timedOut()) {
            return "timed out after " + r.elapsed().toSeconds() + "s";
        }
        return r.stderr().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse("exit code " + r.exitCode());
    }
}
