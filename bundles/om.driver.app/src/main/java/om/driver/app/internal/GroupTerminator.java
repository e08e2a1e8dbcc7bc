package om.driver.app.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** Stops a detached service: SIGTERM to its process group, SIGKILL if it is still there after the stop timeout. */
public final class GroupTerminator {
    static final String KILL = "/usr/bin/kill";
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 100;

    private GroupTerminator() {
    }

    public static void terminate(ResourceContext ctx, ProcStat leader, Duration timeout) throws ActionException {
        // om starts the service as a session leader; should it not lead its group (pid file edited by hand),
        // signalling the group could hit unrelated processes, so only the process itself is signalled
        boolean group = leader.pgrp() == leader.pid();
        String target = group ? "-" + leader.pid() : Long.toString(leader.pid());
        String what = group ? "process group " + leader.pid() : "pid " + leader.pid();
        ctx.info("send SIGTERM to " + what);
        signal(ctx, "TERM", target, leader, group);
        if (awaitGone(leader, group, timeout)) {
            return;
        }
        ctx.warn(what + " still running after " + Values.formatDuration(timeout) + ", send SIGKILL");
        signal(ctx, "KILL", target, leader, group);
        if (!awaitGone(leader, group, KILL_GRACE)) {
            throw new ActionException(what + " still running after SIGKILL");
        }
    }

    /** Waits until the group (or the process) has no live process; false when the time ran out first. */
    public static boolean awaitGone(ProcStat leader, boolean group, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (gone(leader, group)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                // not a stop request (om.api.Cancellation is): a rollback's stop must still wait its grace
            }
        }
    }

    private static boolean gone(ProcStat leader, boolean group) {
        if (group) {
            return ProcStat.groupMembers(leader.pgrp()).isEmpty();
        }
        return ProcStat.read(leader.pid()).filter(s -> s.startTime() == leader.startTime() && s.alive()).isEmpty();
    }

    private static void signal(ResourceContext ctx, String sig, String target, ProcStat leader, boolean group)
            throws ActionException {
        ExecResult r = ctx.exec(new ExecRequest(List.of(KILL, "-" + sig, "--", target), null, Map.of(),
                Duration.ofSeconds(10), false));
        // a process that vanished between the look and the kill is what we wanted
        if (!r.ok() && !gone(leader, group)) {
            throw new ActionException("kill -" + sig + " " + target + " failed"
                    + (r.error() != null ? ": " + r.error() : ": ret " + r.exitCode()));
        }
    }
}
