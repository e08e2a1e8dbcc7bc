package om.api.driver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import om.api.ObjectPath;
import om.api.action.ActionOptions;
import om.api.config.ObjectConfig;

/**
 * Everything a driver may know or do for one resource during one action or status evaluation.
 * Values are effective values (scoping, references, defaults applied).
 */
public interface ResourceContext {
    ObjectPath path();

    String rid();

    /** The part of the rid after {@code #}. */
    default String index() {
        return rid().substring(rid().indexOf('#') + 1);
    }

    String node();

    ObjectConfig config();

    /** The effective value of a keyword of this resource's section. */
    default Optional<String> value(String key) {
        return config().get(rid(), key);
    }

    /** The value of a keyword that must be set; a missing one fails the action with a one-line reason. */
    default String require(String key) throws ActionException {
        return value(key).filter(v -> !v.isBlank())
                .orElseThrow(() -> new ActionException(rid() + "." + key + " is not set"));
    }

    default boolean bool(String key) {
        return config().getBool(rid(), key);
    }

    default List<String> list(String key) {
        return config().getList(rid(), key);
    }

    /** The resource's private state directory, {@code <vardir>/<rid>} (created on demand). */
    Path varDir();

    /** The object's var dir. */
    Path objectVarDir();

    /** Timeout of {@code action} for this resource: its own keywords, else the object's, else {@code timeout}. */
    Duration timeout(String action);

    ActionOptions options();

    /** Logs to the action log, prefixed with this resource. */
    void info(String message);

    void warn(String message);

    void error(String message);

    /**
     * Cancelled when the action is asked to stop (Ctrl-C, daemon stop). {@link #exec} already kills its command
     * then; a driver that waits by itself (polls, sleeps) checks it too.
     */
    default om.api.Cancellation cancellation() {
        return om.api.Cancellation.NONE;
    }

    /** Runs a process, logging its output when asked, bounded by its timeout and the cancellation. Never throws. */
    ExecResult exec(ExecRequest request);

    /**
     * Runs a command that changes something, as the manual's transcripts show it: logs the command line, runs it
     * with its output in the action log, and fails with one line naming the cause unless it exits 0.
     */
    default ExecResult act(java.util.List<String> argv, java.util.Map<String, String> env, Duration timeout)
            throws ActionException {
        String line = CommandText.of(argv);
        info(line);
        ExecResult r = exec(new ExecRequest(argv, null, env, timeout, true));
        if (!r.ok()) {
            throw new ActionException(line + " failed: " + r.reason(timeout));
        }
        return r;
    }

    /** Runs a read-only query silently (neither the line nor the output is logged); never throws. */
    default ExecResult probe(java.util.List<String> argv, java.util.Map<String, String> env, Duration timeout) {
        return exec(new ExecRequest(argv, null, env, timeout, false));
    }

    /**
     * Runs a read-only query silently and returns its output; fails with one line naming the cause
     * ({@link ExecResult#reason}) unless it exits 0.
     */
    default String query(java.util.List<String> argv, Duration timeout) throws ActionException {
        ExecResult r = probe(argv, java.util.Map.of(), timeout);
        if (!r.ok()) {
            throw new ActionException(CommandText.of(argv) + " failed: " + r.reason(timeout));
        }
        return r.stdout();
    }
}
