package om.api.status;

import om.api.ObjectPath;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when the status service has written a freshly evaluated instance status (after an action, a refresh, a
 * scheduled evaluation), so a dataset owner (the daemon's monitor) shows it at once instead of at its next scan.
 * Register it as a service. Called on the evaluating thread: it must not block (queue the work).
 */
@ConsumerType
@FunctionalInterface
public interface StatusListener {
    void statusWritten(ObjectPath path);
}
