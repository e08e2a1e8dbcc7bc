package om.driver.fs.internal;

import om.api.driver.CommandText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** {@code e2fsck -p} before mounting an ext filesystem, logged as {@code output:} and the output lines. */
final class Fsck {
    private Fsck() {
    }

    static void e2fsck(ResourceContext ctx, String dev, Duration timeout) throws ActionException {
        List<String> argv = List.of("e2fsck", "-p", dev);
        ctx.info(CommandText.of(argv));
        ExecResult r = ctx.exec(new ExecRequest(argv, null, Map.of(), timeout, false));
        List<String> lines = Stream.concat(r.stdout().lines(), r.stderr().lines())
                .filter(l -> !l.isBlank()).toList();
        if (!lines.isEmpty()) {
            ctx.info("output:");
            lines.forEach(ctx::info);
        }
        // 0: clean, 1: errors corrected; anything above needs an operator
        if (r.timedOut() || r.error() != null || r.exitCode() < 0 || r.exitCode() > 1) {
            throw new ActionException(CommandText.of(argv) + " failed: " + reason(r, timeout));
        }
    }

    static String reason(ExecResult r, Duration timeout) {
        if (r.timedOut() || r.error() != null) {
            return r.reason(timeout);
        }
        int c = r.exitCode();
        String meaning = (c & 4) != 0 ? "errors left uncorrected"
                : (c & 8) != 0 ? "operational error"
                : (c & 2) != 0 ? "errors corrected, reboot required"
                : (c & 16) != 0 ? "usage error"
                : (c & 32) != 0 ? "canceled"
                : "failed";
        return "exit code " + c + ", " + meaning;
    }
}
