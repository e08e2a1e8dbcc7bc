package om.driver.app.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.LogEntry;
import om.api.status.Status;
import org.osgi.service.component.annotations.Component;

/**
 * app.simple: the start command is the service process itself. It is launched detached in its own session, its
 * pid and start time recorded in {@code <var>/pid}; it is up while that process lives (or as the check command
 * says). Stop runs the stop command, or signals the process group (SIGTERM, SIGKILL after stop_timeout).
 */
@Component(service = ResourceDriver.class,
        property = {ResourceDriver.GROUP + "=app", ResourceDriver.TYPE + "=simple"})
public final class SimpleAppDriver extends AppDriver {
    static final String OUTPUT_LOG = "output.log";
    // a service that dies this fast did not start: report it now rather than at the next status
    private static final long STARTUP_GRACE_MILLIS = 300;

    public SimpleAppDriver() {
        // no references: everything comes from the ResourceContext of each call
    }

    @Override
    public String type() {
        return "simple";
    }

    @Override
    public CheckResult status(ResourceContext ctx) {
        try {
            AppSettings s = AppSettings.from(ctx);
            Optional<List<String>> check = s.command("check");
            if (check.isPresent()) {
                return CheckRunner.check(ctx, s, check.get());
            }
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
        boolean up = PidFile.read(pidFile(ctx)).flatMap(PidFile::live).isPresent();
        return CheckResult.of(up ? Status.UP : Status.DOWN);
    }

    @Override
    public void start(ResourceContext ctx) throws ActionException {
        AppSettings s = AppSettings.from(ctx);
        Optional<List<String>> command = s.command("start");
        if (command.isEmpty()) {
            return;
        }
        PreparedCommand pc = PreparedCommand.prepare(ctx, s, command.get(), true);
        ctx.info(pc.execLine());
        if (ctx.options() != null && ctx.options().dryRun()) {
            return;
        }
        Process p = DetachedProcess.launch(pc, ctx.varDir().resolve(OUTPUT_LOG));
        // read at once: the start time is what tells this process from a later one reusing its pid
        Optional<ProcStat> stat = ProcStat.read(p.pid());
        if (exitedEarly(p)) {
            throw new ActionException("start failed with ret " + p.exitValue() + ", see "
                    + ctx.varDir().resolve(OUTPUT_LOG));
        }
        if (stat.isEmpty()) {
            p.destroyForcibly();
            throw new ActionException("start failed: cannot read /proc/" + p.pid() + "/stat");
        }
        try {
            new PidFile(p.pid(), stat.get().startTime()).write(pidFile(ctx));
        } catch (IOException e) {
            p.destroyForcibly();
            throw new ActionException("start failed: cannot write " + pidFile(ctx) + ": " + e.getMessage());
        }
        ctx.info("pid " + p.pid() + " started");
    }

    @Override
    public void stop(ResourceContext ctx) throws ActionException {
        AppSettings s = AppSettings.from(ctx);
        Optional<PidFile> recorded = PidFile.read(pidFile(ctx));
        Optional<List<String>> command = s.command("stop");
        if (command.isPresent()) {
            ActionRunner.run(ctx, s, "stop", command.get());
            if (ctx.options() != null && ctx.options().dryRun()) {
                return;
            }
            // a stop command that leaves the service running is finished off the default way
            Optional<ProcStat> live = recorded.flatMap(PidFile::live);
            if (live.isPresent() && !GroupTerminator.awaitGone(live.get(), live.get().pgrp() == live.get().pid(),
                    ActionRunner.timeout(ctx, "stop"))) {
                GroupTerminator.terminate(ctx, live.get(), ActionRunner.timeout(ctx, "stop"));
            }
        } else {
            Optional<ProcStat> live = recorded.flatMap(PidFile::live);
            if (live.isPresent()) {
                if (ctx.options() != null && ctx.options().dryRun()) {
                    ctx.info("send SIGTERM to process group " + live.get().pgrp());
                    return;
                }
                GroupTerminator.terminate(ctx, live.get(), ActionRunner.timeout(ctx, "stop"));
            }
        }
        deletePidFile(ctx);
    }

    private static Path pidFile(ResourceContext ctx) {
        return ctx.varDir().resolve(PidFile.NAME);
    }

    private static void deletePidFile(ResourceContext ctx) throws ActionException {
        try {
            Files.deleteIfExists(pidFile(ctx));
        } catch (IOException e) {
            throw new ActionException("cannot remove " + pidFile(ctx) + ": " + e.getMessage());
        }
    }

    private static boolean exitedEarly(Process p) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_GRACE_MILLIS);
        while (true) {
            try {
                return p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // not a stop request (om.api.Cancellation is): the grace is short, wait it out
            }
        }
    }
}
