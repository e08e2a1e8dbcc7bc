package om.api.select;

import java.util.List;
import om.api.ObjectPath;
import org.osgi.annotation.versioning.ProviderType;

/** Expands a selector expression (selectors.md) over the installed objects. */
@ProviderType
public interface ObjectSelector {
    /**
     * The selected objects, sorted by canonical path, without duplicates.
     *
     * @throws SelectorException when the expression is malformed (exit 2)
     * @throws om.api.OmException {@code <path>: object not found} when the whole selector is one missing path
     */
    List<ObjectPath> select(String selector);
}
