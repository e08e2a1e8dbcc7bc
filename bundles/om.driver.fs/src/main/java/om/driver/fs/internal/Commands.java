package om.driver.fs.internal;

import java.time.Duration;
import java.util.List;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** Runs the external tools of the fs drivers: actions logged as the transcripts show, probes silently. */
final class Commands {
    private static final java.util.Map<String, String> ENV = java.util.Map.of();

    private Commands() {
    }

    /** Logs the command line, runs it with its output in the action log, fails with one line unless it exits 0. */
    static ExecResult act(ResourceContext ctx, List<String> argv, Duration timeout) throws ActionException {
        ctx.info(line(argv));
        ExecResult r = ctx.exec(new ExecRequest(argv, null, ENV, timeout, true));
        if (!r.ok()) {
            throw new ActionException(line(argv) + " failed: " + reason(r, timeout));
        }
        return r;
    }

    /** Runs a read-only query; its output is returned, not logged. */
    static ExecResult probe(ResourceContext ctx, List<String> argv, Duration timeout) {
        return ctx.exec(new ExecRequest(argv, null, ENV, timeout, false));
    }

    static String line(List<String> argv) {
        return String.join(" ", argv);
    }

    /** The one-line cause of a failed run: its last stderr line, else its exit code. */
    static String reason(ExecResult r, Duration timeout) {
        if (r.timedOut()) {
            return "timed out after " + om.api.config.Values.formatDuration(timeout);
        }
        if (r.error() != null) {
            return r.error();
        }
        // mount ends with a hint to read dmesg: the cause is the line before it
        String last = r.stderr().lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith("dmesg(1) may have more information"))
                .reduce((a, b) -> b).orElse("");
        return last.isEmpty() ? "exit code " + r.exitCode() : last + " (exit code " + r.exitCode() + ")";
    }
}
