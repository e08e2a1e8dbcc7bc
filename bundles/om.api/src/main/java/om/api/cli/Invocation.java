package om.api.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import om.api.Cancellation;

/**
 * One {@code om} command line and the caller's terminal: where it came from (Gogo shell, bridge, embedded)
 * does not matter to the command.
 *
 * @param cancel cancelled by the front end when the caller interrupts (Ctrl-C, SIGTERM) or goes away; the command
 *               stops what it runs and returns
 */
public record Invocation(List<String> args, Path cwd, Map<String, String> env, boolean tty, int width,
                         InputStream in, PrintStream out, PrintStream err, Cancellation cancel) {
    public Invocation {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        cancel = cancel == null ? Cancellation.NONE : cancel;
    }

    /** An invocation nobody can cancel. */
    public Invocation(List<String> args, Path cwd, Map<String, String> env, boolean tty, int width,
                      InputStream in, PrintStream out, PrintStream err) {
        this(args, cwd, env, tty, width, in, out, err, Cancellation.NONE);
    }
}
