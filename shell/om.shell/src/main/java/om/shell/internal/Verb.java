package om.shell.internal;

/** One verb of the om command. */
public interface Verb {
    /** Runs the verb and returns the exit code; may throw OmException for one-line errors. */
    int run(Request request, Session session);

    /** One line for {@code om help}. */
    String summary();

    /** The usage line(s) and option list for {@code om <verb> --help}. */
    String usage();
}
