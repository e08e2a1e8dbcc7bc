package om.api.select;

import java.util.List;
import om.api.Cancellation;
import om.api.ObjectPath;
import org.osgi.annotation.versioning.ProviderType;

/** Expands a selector expression (selectors.md) over the installed objects. */
@ProviderType
public interface ObjectSelector {
    /**
     * The selected objects, sorted by canonical path, without duplicates.
     *
     * @param cancel evaluation stops with {@link Cancellation.CancelledException} once it is cancelled (the client
     *               went away); pass the invocation's token
     * @throws SelectorException when the expression is malformed (exit 2)
     * @throws om.api.OmException {@code <path>: object not found} when the whole selector is one missing path;
     *                            {@code regex '<re>' took too long} (exit 2) when a {@code ~} regex runs out of its
     *                            time bound (README "Selectors")
     */
    List<ObjectPath> select(String selector, Cancellation cancel);

    /** {@link #select(String, Cancellation)} for a caller nobody can cancel. */
    default List<ObjectPath> select(String selector) {
        return select(selector, Cancellation.NONE);
    }
}
