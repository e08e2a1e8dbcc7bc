package om.api.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One {@code om} command line and the caller's terminal: where it came from (Gogo shell, bridge, embedded)
 * does not matter to the command.
 */
public record Invocation(List<String> args, Path cwd, Map<String, String> env, boolean tty, int width,
                         InputStream in, PrintStream out, PrintStream err) {
    public Invocation {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }
}
