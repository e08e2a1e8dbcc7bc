package om.shell.internal;

import om.api.cli.OmVerb;
import om.api.cli.VerbContext;
import om.api.cli.VerbRequest;

/**
 * A built-in verb: an {@link OmVerb} that also reaches the shell's services through the {@link Session}, which is
 * the context the runner gives every verb.
 */
public interface Verb extends OmVerb {
    int run(VerbRequest request, Session session);

    /** Whether {@code om help} lists it; a verb that only explains a mistyped command line is not. */
    default boolean listed() {
        return true;
    }

    @Override
    default int run(VerbRequest request, VerbContext context) {
        return run(request, (Session) context);
    }
}
