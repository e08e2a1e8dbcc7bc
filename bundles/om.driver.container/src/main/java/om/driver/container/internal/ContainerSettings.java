package om.driver.container.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.config.Values;
import om.api.driver.ActionException;
import om.api.driver.ResourceContext;

/**
 * The keywords of one container resource, converted. Built at each call from the context: drivers keep no
 * per-resource state.
 *
 * @param network the --network value, null to use the CLI's default
 */
public record ContainerSettings(String image, String name, List<String> command, List<String> entrypoint,
                                List<String> runArgs, List<String> environment, String hostname, String network,
                                String user, List<String> volumeMounts, boolean privileged, boolean init,
                                boolean interactive, boolean tty, boolean rm, boolean detach, boolean pullAlways,
                                Duration stopGrace, String runtime) {
    private static final String CONTAINER_GROUP = "container#";

    public ContainerSettings {
        command = List.copyOf(command);
        entrypoint = List.copyOf(entrypoint);
        runArgs = List.copyOf(runArgs);
        environment = List.copyOf(environment);
        volumeMounts = List.copyOf(volumeMounts);
    }

    public static ContainerSettings from(ResourceContext ctx) throws ActionException {
        String image = ContainerKeywords.value(ctx, "image").map(String::strip)
                .orElseThrow(() -> new ActionException(ctx.rid() + ".image is not set"));
        List<String> env = list(ctx, "environment");
        for (String e : env) {
            if (e.indexOf('=') <= 0) {
                throw new ActionException("invalid environment entry '" + e + "': expected KEY=value");
            }
        }
        String policy = string(ctx, "image_pull_policy");
        if (policy != null && !policy.equals(ContainerKeywords.ONCE) && !policy.equals(ContainerKeywords.ALWAYS)) {
            throw new ActionException("invalid image_pull_policy '" + policy + "': expected once or always");
        }
        return new ContainerSettings(image, name(ctx), command(ctx, "command"), command(ctx, "entrypoint"),
                command(ctx, "run_args"), env, string(ctx, "hostname"), network(ctx), string(ctx, "user"),
                list(ctx, "volume_mounts"), bool(ctx, "privileged"), bool(ctx, "init"), bool(ctx, "interactive"),
                bool(ctx, "tty"), bool(ctx, "rm"), bool(ctx, "detach"), ContainerKeywords.ALWAYS.equals(policy),
                duration(ctx, "stop_timeout"), string(ctx, "runtime"));
    }

    /** The container name of this resource, also usable for labels (never throws). */
    public static String name(ResourceContext ctx) {
        return ContainerKeywords.value(ctx, "name").map(String::strip)
                .orElseGet(() -> defaultName(ctx.path(), ctx.index()));
    }

    /** {@code <name>.container.<index>}, prefixed by {@code <ns>..} outside the root namespace. */
    public static String defaultName(ObjectPath path, String index) {
        String base = path.name() + ".container." + index;
        return path.isRoot() ? base : path.namespace() + ".." + base;
    }

    /** netns: a rid of another container resource joins that container's network namespace. */
    private static String network(ResourceContext ctx) throws ActionException {
        String netns = string(ctx, "netns");
        if (netns == null || !netns.startsWith(CONTAINER_GROUP)) {
            return netns;
        }
        if (netns.equals(ctx.rid())) {
            throw new ActionException("netns cannot name the resource itself");
        }
        if (!ctx.config().rids().contains(netns)) {
            throw new ActionException("netns " + netns + " is not a resource of " + ctx.path());
        }
        String other = ctx.config().get(netns, "name").map(String::strip).filter(s -> !s.isEmpty())
                .orElseGet(() -> defaultName(ctx.path(), netns.substring(CONTAINER_GROUP.length())));
        return "container:" + other;
    }

    private static String string(ResourceContext ctx, String key) {
        return ContainerKeywords.value(ctx, key).map(String::strip).orElse(null);
    }

    private static List<String> list(ResourceContext ctx, String key) {
        return ContainerKeywords.value(ctx, key).map(Values::toList).orElse(List.of());
    }

    private static List<String> command(ResourceContext ctx, String key) throws ActionException {
        Optional<String> v = ContainerKeywords.value(ctx, key);
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

    private static Duration duration(ResourceContext ctx, String key) throws ActionException {
        String v = string(ctx, key);
        if (v == null) {
            return Duration.ofSeconds(10);
        }
        return Values.parseDuration(v).orElseThrow(() -> new ActionException("invalid " + key + " '" + v
                + "': expected a duration"));
    }
}
