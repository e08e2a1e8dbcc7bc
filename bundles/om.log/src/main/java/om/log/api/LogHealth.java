package om.log.api;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The health of every log sink, for {@code om daemon status}. Provided by the om.log bundle. */
@ProviderType
public interface LogHealth {
    /** One entry per sink, sorted by sink name. */
    List<SinkHealth> health();
}
