package om.api.cli;

import org.osgi.annotation.versioning.ProviderType;

/** What the shell gives a running verb: the caller's terminal, environment and cancellation, and the node. */
@ProviderType
public interface VerbContext {
    /** The command line, streams, environment and {@link Invocation#cancel() cancellation} of the caller. */
    Invocation invocation();

    /** The local node's name. */
    String node();
}
