package om.driver.app.internal;

import java.util.ArrayList;
import java.util.List;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;
import om.api.status.LogEntry;
import om.api.status.Status;

/** Evaluates an app status from its {@code check} command through {@code retcodes}. */
public final class CheckRunner {
    private CheckRunner() {
    }

    public static CheckResult check(ResourceContext ctx, AppSettings s, List<String> command) {
        PreparedCommand pc;
        try {
            pc = PreparedCommand.prepare(ctx, s, command, false);
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
        ExecResult r = ctx.exec(new ExecRequest(pc.argv(), pc.cwd(), pc.env(),
                ActionRunner.timeout(ctx, "check"), false));
        if (r.timedOut()) {
            // the core turns checks slower than status_timeout into undef on its own
            return CheckResult.of(Status.WARN, LogEntry.warn("check timed out"));
        }
        if (r.error() != null) {
            return CheckResult.of(Status.UNDEF, LogEntry.error("check failed: " + r.error()));
        }
        List<LogEntry> log = new ArrayList<>();
        if (s.statusLog()) {
            lines(r.stdout()).forEach(l -> log.add(LogEntry.info(l)));
            lines(r.stderr()).forEach(l -> log.add(LogEntry.warn(l)));
        }
        return new CheckResult(s.retcodes().status(r.exitCode()), log);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
