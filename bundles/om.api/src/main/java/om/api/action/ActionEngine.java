package om.api.action;

import om.api.ObjectPath;
import org.osgi.annotation.versioning.ProviderType;

/** Runs local actions (start, stop, provision, unprovision, run) on an object's local instance. */
@ProviderType
public interface ActionEngine {
    /**
     * Runs {@code action} on the local instance of {@code path}. Lines go to {@code log}.
     *
     * @throws om.api.OmException when the action cannot begin (lock timeout, unknown object, no match)
     */
    ActionResult run(ObjectPath path, String action, ActionOptions options, ActionLog log);
}
