package om.driver.app.internal;

import om.api.driver.Retcodes;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.ResourceContext;

/**
 * The app keywords of one resource, converted and checked. Invalid values fail with a one-line reason.
 *
 * @param rid         the resource id, for messages
 * @param script      the {@code script} keyword, null when unset
 * @param actions     written values of start, stop, check and info (absent when unset)
 * @param cwd         working directory, null for the caller's
 * @param user        user to run as, null for the current one
 * @param group       group to run as, null for the user's primary group
 * @param umask       octal umask, null to inherit
 * @param environment variables from the {@code environment} keyword, in written order
 * @param retcodes    check exit code mapping
 * @param statusLog   whether check output goes to the status log
 * @param limits      resource limits
 */
public record AppSettings(String rid, String script, Map<String, String> actions, Path cwd, String user,
                          String group, String umask, Map<String, String> environment, Retcodes retcodes,
                          boolean statusLog, ResourceLimits limits) {
    public AppSettings {
        actions = Map.copyOf(actions);
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    public static AppSettings from(ResourceContext ctx) throws ActionException {
        Map<String, String> actions = new LinkedHashMap<>();
        for (String a : AppKeywords.ACTIONS) {
            text(ctx, a).ifPresent(v -> actions.put(a, v));
        }
        String umask = text(ctx, "umask").orElse(null);
        if (umask != null && !umask.matches("[0-7]{1,4}")) {
            throw new ActionException(ctx.rid() + ".umask: '" + umask + "' is not an octal mask");
        }
        boolean statusLog;
        try {
            statusLog = text(ctx, "status_log").map(Values::toBool).orElse(false);
        } catch (IllegalArgumentException e) {
            throw new ActionException(ctx.rid() + ".status_log: " + e.getMessage());
        }
        Retcodes retcodes;
        ResourceLimits limits;
        try {
            retcodes = Retcodes.parse(text(ctx, "retcodes").orElse(null));
            limits = ResourceLimits.parse(k -> text(ctx, k));
        } catch (ActionException e) {
            throw new ActionException(ctx.rid() + ": " + e.getMessage());
        }
        return new AppSettings(ctx.rid(), text(ctx, "script").orElse(null), actions,
                text(ctx, "cwd").map(Path::of).orElse(null), text(ctx, "user").orElse(null),
                text(ctx, "group").orElse(null), umask, environment(ctx), retcodes, statusLog, limits);
    }

    private static Optional<String> text(ResourceContext ctx, String key) {
        return ctx.value(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    // quotes are honoured so a value may hold spaces: FOO="a b"
    private static Map<String, String> environment(ResourceContext ctx) throws ActionException {
        Map<String, String> env = new LinkedHashMap<>();
        Optional<String> written = text(ctx, "environment");
        if (written.isEmpty()) {
            return env;
        }
        List<String> items;
        try {
            items = Values.splitCommand(written.get());
        } catch (IllegalArgumentException e) {
            throw new ActionException(ctx.rid() + ".environment: " + e.getMessage());
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0 || !item.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ActionException(ctx.rid() + ".environment: '" + item + "' is not KEY=value");
            }
            env.put(item.substring(0, eq), item.substring(eq + 1));
        }
        return env;
    }

    /** The written value of an action keyword, null when unset. */
    public String written(String action) {
        return actions.get(action);
    }

    /**
     * The command of an action: empty when unset or false, {@code <script> <action>} when true, else the
     * written command line split like a shell would, without running one.
     */
    public Optional<List<String>> command(String action) throws ActionException {
        String v = actions.get(action);
        if (v == null) {
            return Optional.empty();
        }
        // only the words true and false are flags here: "yes" is a real command
        if (v.equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        if (v.equalsIgnoreCase("true")) {
            if (script == null) {
                throw new ActionException(rid + "." + action + " is true but " + rid + ".script is not set");
            }
            return Optional.of(List.of(script, action));
        }
        try {
            List<String> argv = Values.splitCommand(v);
            return argv.isEmpty() ? Optional.empty() : Optional.of(argv);
        } catch (IllegalArgumentException e) {
            throw new ActionException(rid + "." + action + ": " + e.getMessage());
        }
    }
}
