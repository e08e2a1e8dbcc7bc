package om.api.status;

import om.api.ObjectPath;
import org.osgi.annotation.versioning.ProviderType;

/** Instance status of local objects, from the cache or evaluated again. */
@ProviderType
public interface StatusService {
    /** The cached status, evaluated again when missing, older than the config, or the driver set changed. */
    InstanceStatus get(ObjectPath path);

    /** Evaluates every resource now and rewrites the cache. */
    InstanceStatus refresh(ObjectPath path);
}
