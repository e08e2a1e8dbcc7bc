package om.driver.container.internal;

import static om.api.config.KeywordType.BOOL;
import static om.api.config.KeywordType.COMMAND;
import static om.api.config.KeywordType.DURATION;
import static om.api.config.KeywordType.LIST;
import static om.api.config.KeywordType.STRING;

import java.util.List;
import java.util.Optional;
import om.api.config.Keyword;
import om.api.driver.ResourceContext;

/** The keyword table of container.podman and container.docker: the single source for validation and doc. */
public final class ContainerKeywords {
    public static final String ONCE = "once";
    public static final String ALWAYS = "always";

    private static final List<Keyword> TABLE = List.of(
            Keyword.required("image", STRING, "Image the container runs, e.g. localhost/busybox:1."),
            Keyword.of("name", STRING, null,
                    "Container name; default <name>.container.<index>, or <namespace>..<name>.container.<index>"
                            + " for an object outside the root namespace."),
            Keyword.of("command", COMMAND, null, "Command and arguments given to the container after the image."),
            Keyword.of("entrypoint", COMMAND, null, "Replaces the entrypoint of the image."),
            Keyword.of("run_args", COMMAND, null,
                    "Extra arguments of the run command, placed before the image, e.g."
                            + " '--network none --ulimit nofile=1024:1024'."),
            Keyword.of("environment", LIST, null, "KEY=value variables set in the container."),
            Keyword.of("hostname", STRING, null, "Hostname inside the container."),
            Keyword.of("netns", STRING, null,
                    "Network of the container: none, host, bridge, private, the rid of another container resource"
                            + " (container#0) to join its namespace, or any value the CLI's --network accepts."),
            Keyword.of("user", STRING, null, "User (name or uid[:gid]) the container process runs as."),
            Keyword.of("volume_mounts", LIST, null, "Volumes as <src>:<dst>[:<options>], each given as -v."),
            Keyword.of("privileged", BOOL, "false", "Run the container with extended privileges."),
            Keyword.of("init", BOOL, "true",
                    "Run an init process as pid 1 of the container, forwarding signals and reaping zombies."),
            Keyword.of("interactive", BOOL, "false", "Keep the container's stdin open."),
            Keyword.of("tty", BOOL, "false", "Allocate a pseudo-terminal for the container."),
            Keyword.of("rm", BOOL, "false", "Remove the container when it stops."),
            Keyword.of("detach", BOOL, "true",
                    "Run the container in the background; false runs it to completion during start."),
            Keyword.of("image_pull_policy", STRING, ONCE,
                    "once: pull the image only when it is not present locally; always: pull at each start.")
                    .withCandidates(ONCE, ALWAYS),
            Keyword.of("pull_timeout", DURATION, "2m", "Maximum duration of the image pull."),
            Keyword.of("start_timeout", DURATION, "5s", "Maximum duration of the run command."),
            Keyword.of("stop_timeout", DURATION, "10s",
                    "Grace delay between the stop signal and SIGKILL of the container."),
            Keyword.of("runtime", STRING, null,
                    "OCI runtime the CLI uses (--runtime), e.g. runc; the CLI's default when unset."));

    private ContainerKeywords() {
    }

    public static List<Keyword> all() {
        return TABLE;
    }

    /** The value of a keyword, or the table's default when the context did not apply it. */
    public static Optional<String> value(ResourceContext ctx, String key) {
        Optional<String> v = ctx.value(key).filter(s -> !s.isBlank());
        if (v.isPresent()) {
            return v;
        }
        return TABLE.stream().filter(k -> k.answersTo(key)).findFirst().map(Keyword::defaultValue);
    }
}
