package om.api.cli;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Present only inside a running daemon: what daemon-only verbs need. */
@ProviderType
public interface DaemonControl {
    /** The daemon dataset (status.md section 8) as a JSON-ready tree. */
    Map<String, Object> status();

    /** Asks the daemon to stop after the current command returns. */
    void stop();
}
