package om.api.cli;

/** Runs {@code om} command lines; registered by the shell bundle and called by every front end. */
public interface CommandRunner {
    /** Runs the command and returns its exit code; never throws. */
    int run(Invocation invocation);
}
