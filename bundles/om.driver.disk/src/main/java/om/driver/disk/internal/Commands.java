package om.driver.disk.internal;

import java.time.Duration;
import java.util.List;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** Runs the external tools of the disk drivers: actions logged as the transcripts show, probes silently. */
final class Commands {
    // lvm2 complains on stderr about every inherited descriptor of the JVM, which says nothing to an operator
    private static final java.util.Map<String, String> ENV = java.util.Map.of("LVM_SUPPRESS_FD_WARNINGS", "1");

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
        String last = r.stderr().lines().map(String::strip).filter(l -> !l.isEmpty())
                .reduce((a, b) -> b).orElse("");
        return last.isEmpty() ? "exit code " + r.exitCode() : last + " (exit code " + r.exitCode() + ")";
    }
}
