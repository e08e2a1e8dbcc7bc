package om.shell.internal.verb;

import java.util.List;
import om.api.OmException;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;

/**
 * {@code om daemon start} and {@code om daemon restart}: bin/om runs them itself (a daemon cannot start itself),
 * so they reach the shell only with something more on the command line ({@code --help}, an option they do not take)
 * or from a console inside a running om. Declared here so that help lists them and their command line is checked
 * like any other verb's, instead of the extra words being ignored.
 */
public final class ClientVerbs {
    private ClientVerbs() {
    }

    public static Verb start() {
        return SimpleVerb.of("daemon start", "start the daemon (nothing when it runs)", SelectorUse.NONE, List.of(),
                "Start the local daemon in the background; say so when it already runs. Run by bin/om.",
                (request, session) -> byTheClient(request));
    }

    public static Verb restart() {
        return SimpleVerb.of("daemon restart", "stop the daemon, then start it (objects keep running)",
                SelectorUse.NONE, List.of(), """
                Stop the local daemon (it waits for the running actions), then start a new one. Objects are not
                stopped. Run by bin/om.""", (request, session) -> byTheClient(request));
    }

    private static int byTheClient(VerbRequest request) {
        throw new OmException("'om " + String.join(" ", request.verb()) + "' is run by bin/om, not inside om");
    }
}
