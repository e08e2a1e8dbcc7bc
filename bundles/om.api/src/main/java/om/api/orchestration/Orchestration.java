package om.api.orchestration;

import java.util.List;
import om.api.ObjectPath;
import org.osgi.annotation.versioning.ProviderType;

/** The orchestrator of this node, as the verbs reach it. */
@ProviderType
public interface Orchestration {
    /**
     * Sets the object's target for {@code verb} ({@code start}, {@code stop}, {@code freeze}, {@code thaw},
     * {@code switch}, {@code takeover}, {@code giveback}, {@code abort}) on this node's instance; the peers adopt it
     * from the node data.
     *
     * @param destination the nodes of {@code switch}, empty otherwise
     * @throws om.api.OmException with the one-line refusal ({@code orchestration in progress (global expect
     *                            started): use abort first}, an unknown object, no instance here...)
     */
    Accepted request(ObjectPath path, String verb, List<String> destination);

    /** {@code om <path> clear}: failed states back to idle and restart counters reset on every instance. */
    void clear(ObjectPath path);

    /** {@code om <path> print placement}: one row per node of the cluster data and of the object's scope. */
    List<PlacementRow> placement(ObjectPath path);
}
