package om.api.driver;

import java.util.List;
import om.api.config.Keyword;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A driver: one {@code <group>.<type>} (app.forking, fs.ext4, ...). Registered as an OSGi service with the
 * properties {@value #GROUP} and {@value #TYPE}; resources whose driver is not registered report {@code n/a}.
 * Implementations keep no per-resource state in fields: everything comes from the {@link ResourceContext}.
 */
@ConsumerType
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

    /**
     * Whether the resource's backing exists (disk file, filesystem made...). Empty when the driver does not
     * provision anything; the engine then reports the provisioned state it recorded.
     */
    default java.util.Optional<Boolean> provisioned(ResourceContext ctx) {
        return java.util.Optional.empty();
    }

    /** Creates what the resource needs to be started (backing file, filesystem...). Idempotent. */
    default void provision(ResourceContext ctx) throws ActionException {
    }

    /** Destroys what {@link #provision} created. Called with the resource down. Idempotent. */
    default void unprovision(ResourceContext ctx) throws ActionException {
    }

    /**
     * Devices the resource exposes to later resources, read in configs as {@code {<rid>.exposed_devs[<i>]}}
     * (a loop device for disk.loop). Empty when down or not applicable.
     */
    default List<String> exposedDevices(ResourceContext ctx) {
        return List.of();
    }

    /** Runs the resource once ({@code om <path> run}); only task drivers support it. */
    default void run(ResourceContext ctx) throws ActionException {
        throw new ActionException(id() + " resources cannot be run");
    }

    /**
     * Copies the resource's data to the peers of the given targets ({@code om <path> sync all|nodes|drp});
     * only sync drivers support it. The engine calls it only on the node where the instance is up.
     *
     * @param targets {@code nodes} and/or {@code drpnodes}: the peer sets asked for
     */
    default void sync(ResourceContext ctx, java.util.Set<String> targets) throws ActionException {
        throw new ActionException(id() + " resources cannot be synced");
    }

    /**
     * Whether a stop has something to do, given the status just evaluated. By default only a down resource is
     * left alone ({@code <label> is already down}); a driver whose status can be down while it still holds
     * something (an address on a link without carrier) says so here.
     */
    default boolean stopNeeded(ResourceContext ctx, om.api.status.Status current) {
        return current != om.api.status.Status.DOWN;
    }

    /** Order inside the driver group; null means the rid index. */
    default String sortKey(ResourceContext ctx) {
        return null;
    }

    /** {@code <group>.<type>}. */
    default String id() {
        return group() + "." + type();
    }
}
