package om.driver.task.internal;

import static om.api.config.KeywordType.BOOL;
import static om.api.config.KeywordType.COMMAND;
import static om.api.config.KeywordType.DURATION;
import static om.api.config.KeywordType.INT;
import static om.api.config.KeywordType.LIST;
import static om.api.config.KeywordType.SCHEDULE;
import static om.api.config.KeywordType.STRING;

import java.util.List;
import java.util.Optional;
import om.api.config.Keyword;
import om.api.driver.ResourceContext;

/** The keyword table of task.host: the single source for validation and doc. */
public final class TaskKeywords {
    public static final String DEFAULT_RETCODES = om.api.driver.Retcodes.DEFAULT;

    private static final List<Keyword> TABLE = List.of(
            Keyword.required("command", COMMAND, "Command run by 'om <path> run'; not run through a shell."),
            Keyword.of("user", STRING, null, "User the command runs as, the current user when unset."),
            Keyword.of("group", STRING, null, "Group the command runs as, the primary group of user when unset."),
            Keyword.of("cwd", STRING, null, "Working directory of the command."),
            Keyword.of("environment", LIST, null, "KEY=value variables added to the environment of the command."),
            Keyword.of("schedule", SCHEDULE, null,
                    "When the daemon runs the task; the object's run_schedule when unset."),
            Keyword.of("check", STRING, null,
                    "Status of the resource: unset gives n/a; last_run maps the exit code of the last run through"
                            + " retcodes; last_run_warn gives n/a with a warning when the last run failed.")
                    .withCandidates("last_run", "last_run_warn"),
            Keyword.of("confirmation", BOOL, "false",
                    "Ask the operator to confirm before each run (--confirm answers it); scheduled runs are skipped."),
            Keyword.of("log", BOOL, "true", "Whether the command output goes to the action and object logs."),
            Keyword.of("max_parallel", INT, "1", "Maximum number of runs of this task at the same time on a node."),
            Keyword.of("on_error", COMMAND, null,
                    "Command run after a failed run, with the same user and environment."),
            Keyword.of("retcodes", STRING, DEFAULT_RETCODES,
                    "Exit codes to status mapping as <code>:<status> words; a run succeeds when its code maps to up,"
                            + " an unlisted code gives warn."),
            Keyword.of("run_timeout", DURATION, null, "Maximum duration of a run."),
            Keyword.of("timeout", DURATION, null, "Maximum duration of a run when run_timeout is unset."));

    private TaskKeywords() {
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
