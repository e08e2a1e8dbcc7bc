package om.driver.container.internal;

import om.api.driver.CommandText;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/** The CLI calls of one container resource, each through the context's executor. */
public final class ContainerCli {
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    // podman waits the -t grace itself, then kills and cleans up: allow it that long beyond the grace
    static final Duration STOP_MARGIN = Duration.ofSeconds(30);

    private final ResourceContext ctx;
    private final Flavor flavor;
    private final ContainerSettings s;

    public ContainerCli(ResourceContext ctx, Flavor flavor, ContainerSettings settings) {
        this.ctx = ctx;
        this.flavor = flavor;
        this.s = settings;
    }

    /** Reads the container state; changes nothing. */
    public ContainerState state() {
        ExecResult r = quiet(List.of("inspect", "--type", "container", "--format", "{{.State.Running}}", s.name()),
                QUERY_TIMEOUT);
        if (r.ok()) {
            return switch (r.stdout().strip()) {
                case "true" -> new ContainerState.Running();
                case "false" -> new ContainerState.Stopped();
                default -> new ContainerState.Unknown("unexpected inspect output '" + firstLine(r.stdout()) + "'");
            };
        }
        if (r.error() == null && !r.timedOut() && r.stderr().toLowerCase(Locale.ROOT).contains("no such")) {
            return new ContainerState.Absent();
        }
        return new ContainerState.Unknown(failure(flavor.binary() + " inspect", r, QUERY_TIMEOUT));
    }

    public boolean imagePresent() {
        return quiet(List.of("image", "inspect", "--format", "{{.Id}}", s.image()), QUERY_TIMEOUT).ok();
    }

    public void pull(Duration timeout) throws ActionException {
        ExecResult r = logged(List.of("pull", s.image()), timeout, false);
        if (!r.ok()) {
            throw new ActionException(failure("pull " + s.image(), r, timeout));
        }
    }

    /** Runs the container; with detach the output is the container id, else the container's own output. */
    public void run(Duration timeout) throws ActionException {
        List<String> argv = flavor.runArgv(s);
        ctx.info(CommandText.of(argv));
        ExecResult r = ctx.exec(new ExecRequest(argv, null, Map.of(), timeout, true));
        if (!r.ok()) {
            throw new ActionException(failure(flavor.binary() + " run", r, timeout));
        }
    }

    public void stop() throws ActionException {
        Duration timeout = s.stopGrace().plus(STOP_MARGIN);
        long grace = Math.max(0, s.stopGrace().toSeconds());
        ExecResult r = logged(List.of("stop", "-t", Long.toString(grace), s.name()), timeout, true);
        if (!r.ok() && !absent(r)) {
            throw new ActionException(failure(flavor.binary() + " stop", r, timeout));
        }
    }

    /** Removes the container; one already gone is fine (--rm may have removed it meanwhile). */
    public void remove(boolean force) throws ActionException {
        List<String> args = force ? List.of("rm", "-f", s.name()) : List.of("rm", s.name());
        ExecResult r = logged(args, QUERY_TIMEOUT, true);
        if (!r.ok() && !absent(r)) {
            throw new ActionException(failure(flavor.binary() + " rm", r, QUERY_TIMEOUT));
        }
    }

    /** The last lines the container wrote, to explain an early exit; empty when unavailable. */
    public List<String> tail(int lines) {
        ExecResult r = quiet(List.of("logs", "--tail", Integer.toString(lines), s.name()), QUERY_TIMEOUT);
        if (!r.ok()) {
            return List.of();
        }
        return (r.stdout() + r.stderr()).lines().filter(l -> !l.isBlank()).toList();
    }

    public List<String> argv(List<String> args) {
        return flavor.argv(s.runtime(), args);
    }

    private ExecResult quiet(List<String> args, Duration timeout) {
        return ctx.exec(new ExecRequest(argv(args), null, Map.of(), timeout, false));
    }

    private ExecResult logged(List<String> args, Duration timeout, boolean logOutput) {
        List<String> argv = argv(args);
        ctx.info(CommandText.of(argv));
        return ctx.exec(new ExecRequest(argv, null, Map.of(), timeout, logOutput));
    }

    private static boolean absent(ExecResult r) {
        return r.error() == null && !r.timedOut() && r.stderr() != null
                && r.stderr().toLowerCase(Locale.ROOT).contains("no such");
    }

    /** One line: what failed and why, by the rule of every driver ({@link ExecResult#reason}). */
    static String failure(String what, ExecResult r, Duration timeout) {
        return what + " failed: " + r.reason(timeout);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
