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
        return ctx.act(argv, ENV, timeout);
    }

    /** Runs a read-only query; its output is returned, not logged. */
    static ExecResult probe(ResourceContext ctx, List<String> argv, Duration timeout) {
        return ctx.exec(new ExecRequest(argv, null, ENV, timeout, false));
    }

    static String line(List<String> argv) {
        return String.join(" ", argv);
    }
}
