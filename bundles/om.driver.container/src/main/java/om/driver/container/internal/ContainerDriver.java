package om.driver.container.internal;

import om.api.driver.CommandText;
import java.time.Duration;
import java.util.List;
import om.api.config.Keyword;
import om.api.driver.ActionException;
import om.api.driver.CheckResult;
import om.api.driver.ResourceContext;
import om.api.driver.ResourceDriver;
import om.api.status.LogEntry;
import om.api.status.Status;

/**
 * container.podman and container.docker: one implementation driving the CLI named by the type. Start pulls the
 * image when the policy asks, clears a stopped container holding the name, then runs the container; stop stops
 * it (and removes it with {@code rm}). Status: up when {@code inspect} says the named container runs.
 */
public abstract sealed class ContainerDriver implements ResourceDriver permits PodmanDriver, DockerDriver {
    // how many of the container's last output lines explain an exit right after start
    private static final int TAIL_LINES = 5;

    private final Flavor flavor;

    protected ContainerDriver(Flavor flavor) {
        this.flavor = flavor;
    }

    @Override
    public final String group() {
        return "container";
    }

    @Override
    public final String type() {
        return flavor.type();
    }

    @Override
    public final List<Keyword> keywords() {
        return ContainerKeywords.all();
    }

    @Override
    public final String label(ResourceContext ctx) {
        String image = ContainerKeywords.value(ctx, "image").map(String::strip).orElse("");
        return type() + " container " + ContainerSettings.name(ctx) + "@" + image;
    }

    @Override
    public final CheckResult status(ResourceContext ctx) {
        ContainerSettings s;
        try {
            s = ContainerSettings.from(ctx);
        } catch (ActionException e) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(e.getMessage()));
        }
        ContainerState state = new ContainerCli(ctx, flavor, s).state();
        if (state instanceof ContainerState.Running) {
            return CheckResult.of(Status.UP);
        }
        if (state instanceof ContainerState.Unknown u) {
            return CheckResult.of(Status.UNDEF, LogEntry.error(u.reason()));
        }
        return CheckResult.of(Status.DOWN);
    }

    /** How long a started container must keep running for the start to succeed. */
    static final java.time.Duration SETTLE = java.time.Duration.ofMillis(500);

    @Override
    public final void start(ResourceContext ctx) throws ActionException {
        ContainerSettings s = ContainerSettings.from(ctx);
        ContainerCli cli = new ContainerCli(ctx, flavor, s);
        if (dryRun(ctx)) {
            ctx.info(CommandText.of(flavor.runArgv(s)));
            return;
        }
        ContainerState state = cli.state();
        if (state instanceof ContainerState.Unknown u) {
            throw new ActionException(u.reason());
        }
        if (state instanceof ContainerState.Running) {
            ctx.info("container " + s.name() + " is already running");
            return;
        }
        if (s.pullAlways() || !cli.imagePresent()) {
            cli.pull(timeout(ctx, "pull"));
        }
        if (state instanceof ContainerState.Stopped) {
            // a left-over container keeps the name taken: run would refuse it
            cli.remove(false);
        }
        try {
            cli.run(timeout(ctx, "start"));
        } catch (ActionException e) {
            cleanUp(ctx, cli);
            throw e;
        }
        if (s.detach() && !staysRunning(cli)) {
            cli.tail(TAIL_LINES).forEach(l -> ctx.warn("container output: " + l));
            cleanUp(ctx, cli);
            throw new ActionException("container " + s.name() + " exited right after start");
        }
    }

    /**
     * Whether the container is still running after a short settle period: its init may take a moment to fail to
     * exec the command (longer on a loaded host), and a container that exits then did not start.
     */
    private static boolean staysRunning(ContainerCli cli) {
        long end = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            if (!(cli.state() instanceof ContainerState.Running)) {
                return false;
            }
            if (System.nanoTime() - end >= 0) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                // not a stop request (see om.api.Cancellation): keep settling
            }
        }
    }

    @Override
    public final void stop(ResourceContext ctx) throws ActionException {
        ContainerSettings s = ContainerSettings.from(ctx);
        ContainerCli cli = new ContainerCli(ctx, flavor, s);
        if (dryRun(ctx)) {
            ctx.info(CommandText.of(cli.argv(List.of("stop", "-t", Long.toString(s.stopGrace().toSeconds()),
                    s.name()))));
            return;
        }
        ContainerState state = cli.state();
        if (state instanceof ContainerState.Unknown u) {
            throw new ActionException(u.reason());
        }
        if (state instanceof ContainerState.Running) {
            cli.stop();
        }
        if (s.rm() && !(cli.state() instanceof ContainerState.Absent)) {
            cli.remove(false);
        }
    }

    /** Unprovision removes the stopped container, so nothing of the resource is left on the node. */
    @Override
    public final void unprovision(ResourceContext ctx) throws ActionException {
        ContainerSettings s = ContainerSettings.from(ctx);
        ContainerCli cli = new ContainerCli(ctx, flavor, s);
        if (dryRun(ctx)) {
            ctx.info(CommandText.of(cli.argv(List.of("rm", "-f", s.name()))));
            return;
        }
        if (!(cli.state() instanceof ContainerState.Absent)) {
            cli.remove(true);
        }
    }

    /** A failed start must not leave a created or half-started container behind. */
    private static void cleanUp(ResourceContext ctx, ContainerCli cli) {
        if (cli.state() instanceof ContainerState.Absent) {
            return;
        }
        try {
            cli.remove(true);
        } catch (ActionException e) {
            ctx.warn(e.getMessage());
        }
    }

    private static boolean dryRun(ResourceContext ctx) {
        return ctx.options() != null && ctx.options().dryRun();
    }

    private static Duration timeout(ResourceContext ctx, String action) {
        Duration d = ctx.timeout(action);
        return d != null ? d : Duration.ofMinutes(2);
    }
}
