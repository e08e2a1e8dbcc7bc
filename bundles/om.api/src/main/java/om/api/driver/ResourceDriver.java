package om.api.driver;

import java.util.List;
import om.api.config.Keyword;

/**
 * A driver: one {@code <group>.<type>} (app.forking, fs.ext4, ...). Registered as an OSGi service with the
 * properties {@value #GROUP} and {@value #TYPE}; resources whose driver is not registered report {@code n/a}.
 * Implementations keep no per-resource state in fields: everything comes from the {@link ResourceContext}.
 */
public interface ResourceDriver {
    String GROUP = "driver.group";
    String TYPE = "driver.type";

    String group();

    String type();

    /** The driver's keywords, beyond the common resource keywords. */
    List<Keyword> keywords();

    /** The label of {@code print status}. */
    String label(ResourceContext ctx);

    /** Evaluates the resource status now. Must not change anything. */
    CheckResult status(ResourceContext ctx);

    /** Brings the resource up. Called only when its status is not up. */
    void start(ResourceContext ctx) throws ActionException;

    /** Brings the resource down. Called only when its status is not down. */
    void stop(ResourceContext ctx) throws ActionException;

    /** Order inside the driver group; null means the rid index. */
    default String sortKey(ResourceContext ctx) {
        return null;
    }

    /** {@code <group>.<type>}. */
    default String id() {
        return group() + "." + type();
    }
}
