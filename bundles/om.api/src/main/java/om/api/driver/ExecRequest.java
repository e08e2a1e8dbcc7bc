package om.api.driver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A process to run for a resource.
 *
 * @param argv       the command, not run through a shell
 * @param cwd        working directory, null for the caller's
 * @param env        variables added to the environment
 * @param timeout    on expiry the process group gets SIGTERM, then SIGKILL 5 s later
 * @param logOutput  stdout lines go to the action log as info, stderr lines as warnings
 */
public record ExecRequest(List<String> argv, Path cwd, Map<String, String> env, Duration timeout,
                          boolean logOutput) {
    public ExecRequest {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }

    public static ExecRequest of(List<String> argv, Duration timeout) {
        return new ExecRequest(argv, null, Map.of(), timeout, true);
    }
}
