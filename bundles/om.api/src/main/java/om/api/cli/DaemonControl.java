package om.api.cli;

import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import org.osgi.annotation.versioning.ProviderType;

/** Present only inside a running daemon: what daemon-only verbs need. */
@ProviderType
public interface DaemonControl {
    /** The current daemon dataset (status.md section 8): an immutable snapshot, cheap to take. */
    DaemonStatus status();

    /** The daemon's event stream, for {@code om mon --watch} and {@code --wait}. */
    DaemonEvents events();

    /** Asks the daemon to stop after the current command returns. */
    void stop();
}
