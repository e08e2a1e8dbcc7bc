package om.driver.task.internal;

import om.api.driver.Retcodes;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.ResourceContext;

/** The keywords of one task resource, converted; built at each call from the context. */
public record TaskSettings(List<String> command, String user, String group, Path cwd, Map<String, String> environment,
                           boolean log, int maxParallel, List<String> onError, Retcodes retcodes, CheckMode check) {
    public TaskSettings {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        onError = List.copyOf(onError);
    }

    public static TaskSettings from(ResourceContext ctx) throws ActionException {
        List<String> command = command(ctx, "command");
        if (command.isEmpty()) {
            throw new ActionException(ctx.rid() + ".command is not set");
        }
        String maxText = string(ctx, "max_parallel");
        long max = maxText == null ? 1 : Values.parseInt(maxText).orElse(0L);
        if (max < 1 || max > Integer.MAX_VALUE) {
            throw new ActionException("invalid max_parallel '" + maxText + "': expected a positive integer");
        }
        String cwd = string(ctx, "cwd");
        return new TaskSettings(command, string(ctx, "user"), string(ctx, "group"), cwd == null ? null : Path.of(cwd),
                environment(ctx), bool(ctx, "log"), (int) max, command(ctx, "on_error"),
                Retcodes.parse(string(ctx, "retcodes")), CheckMode.parse(string(ctx, "check")));
    }

    private static Map<String, String> environment(ResourceContext ctx) throws ActionException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : TaskKeywords.value(ctx, "environment").map(Values::toList).orElse(List.of())) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new ActionException("invalid environment entry '" + e + "': expected KEY=value");
            }
            env.put(e.substring(0, eq), e.substring(eq + 1));
        }
        return env;
    }

    private static String string(ResourceContext ctx, String key) {
        return TaskKeywords.value(ctx, key).map(String::strip).orElse(null);
    }

    private static List<String> command(ResourceContext ctx, String key) throws ActionException {
        Optional<String> v = TaskKeywords.value(ctx, key);
        try {
            return v.map(Values::splitCommand).orElse(List.of());
        } catch (IllegalArgumentException e) {
            throw new ActionException("invalid " + key + ": " + e.getMessage());
        }
    }

    private static boolean bool(ResourceContext ctx, String key) throws ActionException {
        String v = string(ctx, key);
        if (v == null) {
            return false;
        }
        return Values.parseBool(v).orElseThrow(() -> new ActionException("invalid " + key + " '" + v
                + "': expected a boolean"));
    }
}
