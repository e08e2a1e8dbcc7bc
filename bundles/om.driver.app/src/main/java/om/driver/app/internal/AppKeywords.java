package om.driver.app.internal;

import static om.api.config.KeywordType.BOOL;
import static om.api.config.KeywordType.COMMAND;
import static om.api.config.KeywordType.DURATION;
import static om.api.config.KeywordType.INT;
import static om.api.config.KeywordType.LIST;
import static om.api.config.KeywordType.SIZE;
import static om.api.config.KeywordType.STRING;

import java.util.List;
import om.api.config.Keyword;

/** The keyword table shared by app.forking and app.simple: the single source for validation and doc. */
public final class AppKeywords {
    /** The actions whose command keywords accept {@code true} to mean {@code <script> <action>}. */
    public static final List<String> ACTIONS = List.of("start", "stop", "check", "info");

    public static final String DEFAULT_RETCODES = om.api.driver.Retcodes.DEFAULT;

    private static final List<Keyword> TABLE = List.of(
            Keyword.of("script", STRING, null,
                    "Program run with the action name as argument when an action keyword is set to true."),
            Keyword.of("start", COMMAND, null,
                    "Command starting the app: true runs '<script> start', false or unset does nothing."),
            Keyword.of("stop", COMMAND, null,
                    "Command stopping the app: true runs '<script> stop', false or unset does nothing."),
            Keyword.of("check", COMMAND, null,
                    "Command whose exit code, mapped through retcodes, gives the resource status."),
            Keyword.of("info", COMMAND, null,
                    "Command printing key-value information about the app: true runs '<script> info'."),
            Keyword.of("cwd", STRING, null, "Working directory of the app commands."),
            Keyword.of("user", STRING, null, "User the app commands run as, the current user when unset."),
            Keyword.of("group", STRING, null,
                    "Group the app commands run as, the primary group of user when unset."),
            Keyword.of("umask", STRING, null, "Octal file mode creation mask of the app commands, like 022."),
            Keyword.of("environment", LIST, null, "KEY=value variables added to the environment of the app commands."),
            Keyword.of("timeout", DURATION, null, "Maximum duration of any app command without its own timeout."),
            Keyword.of("start_timeout", DURATION, null, "Maximum duration of the start command."),
            Keyword.of("stop_timeout", DURATION, null,
                    "Maximum duration of the stop command, or of the wait for the process to exit after SIGTERM."),
            Keyword.of("check_timeout", DURATION, null, "Maximum duration of the check command."),
            Keyword.of("info_timeout", DURATION, null, "Maximum duration of the info command."),
            Keyword.of("retcodes", STRING, DEFAULT_RETCODES,
                    "Check exit codes to status mapping as <code>:<status> words; an unlisted code gives warn."),
            Keyword.of("status_log", BOOL, "false",
                    "Whether check stdout lines become info and stderr lines warn entries of the status."),
            Keyword.of("limit_as", SIZE, null, "Maximum virtual memory size of the app processes."),
            Keyword.of("limit_core", SIZE, null, "Maximum core file size of the app processes."),
            Keyword.of("limit_cpu", DURATION, null, "Maximum CPU time of the app processes, a bare integer in seconds."),
            Keyword.of("limit_data", SIZE, null, "Maximum data segment size of the app processes."),
            Keyword.of("limit_fsize", SIZE, null, "Maximum size of a file written by the app processes."),
            Keyword.of("limit_memlock", SIZE, null, "Maximum memory the app processes may lock."),
            Keyword.of("limit_nofile", INT, null, "Maximum number of open files of the app processes."),
            Keyword.of("limit_nproc", INT, null, "Maximum number of processes of the app user."),
            Keyword.of("limit_rss", SIZE, null, "Maximum resident set size of the app processes."),
            Keyword.of("limit_stack", SIZE, null, "Maximum stack size of the app processes."),
            Keyword.of("limit_vmem", SIZE, null, "Maximum virtual memory size of the app processes, when limit_as is unset."));

    private AppKeywords() {
    }

    public static List<Keyword> all() {
        return TABLE;
    }
}
