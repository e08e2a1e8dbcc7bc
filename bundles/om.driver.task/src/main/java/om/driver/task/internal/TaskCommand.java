package om.driver.task.internal;

import om.api.driver.CommandText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import om.api.ObjectPath;
import om.api.driver.ActionException;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/**
 * A task command ready to run: wrapped in setpriv when a user or group is asked (the switch happens in the
 * child, never in the JVM), with the object identity in its environment.
 */
public record TaskCommand(List<String> command, List<String> argv, String user, Path cwd, Map<String, String> env) {
    static final String SETPRIV = "/usr/bin/setpriv";
    static final String GETENT = "/usr/bin/getent";
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

    public TaskCommand {
        command = List.copyOf(command);
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    public static TaskCommand prepare(ResourceContext ctx, TaskSettings s, List<String> command)
            throws ActionException {
        if (s.cwd() != null && !Files.isDirectory(s.cwd())) {
            throw new ActionException("cwd " + s.cwd() + " is not a directory");
        }
        List<String> argv = new ArrayList<>();
        if (s.user() != null || s.group() != null) {
            argv.add(SETPRIV);
            if (s.user() != null) {
                lookUp(ctx, "passwd", "user", s.user());
                argv.add("--reuid=" + s.user());
            }
            String group = s.group() != null ? s.group() : primaryGid(ctx, s.user());
            if (s.group() != null) {
                lookUp(ctx, "group", "group", s.group());
            }
            argv.add("--regid=" + group);
            // setpriv wants a supplementary groups policy once the gid changes
            argv.add(s.user() != null ? "--init-groups" : "--clear-groups");
            argv.add("--");
        }
        argv.addAll(command);
        String user = s.user() != null ? s.user() : System.getProperty("user.name", "root");
        return new TaskCommand(command, argv, user, s.cwd(), environment(ctx, s));
    }

    /** {@code exec <command> as user <user>}, the line logged before running, quoted as app commands are. */
    public String execLine() {
        return "exec " + CommandText.of(command) + " as user " + user;
    }

    public ExecRequest request(Duration timeout, boolean logOutput) {
        return new ExecRequest(argv, cwd, env, timeout, logOutput);
    }

    private static Map<String, String> environment(ResourceContext ctx, TaskSettings s) {
        Map<String, String> env = new LinkedHashMap<>(s.environment());
        ObjectPath p = ctx.path();
        // set last: commands rely on these naming the object, a user variable must not fake them
        env.put("OPENSVC_RID", ctx.rid());
        env.put("OPENSVC_NAME", p.name());
        env.put("OPENSVC_NAMESPACE", p.namespace());
        env.put("OPENSVC_KIND", p.kind().word());
        env.put("OPENSVC_PATH", p.canonical());
        return env;
    }

    private static String primaryGid(ResourceContext ctx, String user) throws ActionException {
        String[] fields = lookUp(ctx, "passwd", "user", user).split(":", -1);
        if (fields.length < 4 || fields[3].isEmpty()) {
            throw new ActionException("user " + user + " has no primary group");
        }
        return fields[3];
    }

    /** The getent entry of a name, so NSS sources count as well as /etc files. */
    private static String lookUp(ResourceContext ctx, String database, String what, String name)
            throws ActionException {
        ExecResult r = ctx.exec(new ExecRequest(List.of(GETENT, database, name), null, Map.of(), LOOKUP_TIMEOUT,
                false));
        if (r.exitCode() == 2) {
            throw new ActionException(what + " " + name + " does not exist");
        }
        if (!r.ok() || r.stdout() == null || r.stdout().isBlank()) {
            throw new ActionException("cannot look up " + what + " " + name
                    + (r.error() != null ? ": " + r.error() : r.timedOut() ? ": timed out" : ""));
        }
        return r.stdout().strip().lines().findFirst().orElse("");
    }
}
