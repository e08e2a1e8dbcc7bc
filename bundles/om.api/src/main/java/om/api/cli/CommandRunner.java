package om.api.cli;

import org.osgi.annotation.versioning.ProviderType;

/** Runs {@code om} command lines; registered by the shell bundle and called by every front end. */
@ProviderType
public interface CommandRunner {
    /** Runs the command and returns its exit code; never throws. */
    int run(Invocation invocation);
}
