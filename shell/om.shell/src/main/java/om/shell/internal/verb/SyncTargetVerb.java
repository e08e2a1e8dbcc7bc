package om.shell.internal.verb;

import java.util.List;
import om.api.OmException;
import om.api.Quote;
import om.api.cli.OptionSpec;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;

/**
 * {@code om <path> sync} without {@code all}, {@code nodes} or {@code drp}, or with another word: one line saying
 * what is missing (exit 1) rather than the parser's unknown verb. Not listed in {@code om help}: the three sync
 * verbs are.
 */
public final class SyncTargetVerb implements Verb {
    static final String MISSING = "sync needs a target: all, nodes or drp";

    @Override
    public int run(VerbRequest request, Session session) {
        if (request.arguments().isEmpty()) {
            throw new OmException(MISSING);
        }
        throw new OmException("unknown sync target " + Quote.of(request.arguments().get(0))
                + ": expected all, nodes or drp");
    }

    @Override
    public List<String> words() {
        return List.of("sync");
    }

    @Override
    public String summary() {
        return "copy the sync resources' data: sync all, sync nodes or sync drp";
    }

    @Override
    public String arguments() {
        return "all|nodes|drp";
    }

    @Override
    public List<OptionSpec> options() {
        return ActionVerb.syncOptions();
    }

    @Override
    public boolean listed() {
        return false;
    }
}
