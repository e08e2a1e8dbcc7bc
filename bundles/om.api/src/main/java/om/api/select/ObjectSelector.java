package om.api.select;

import java.util.List;
import om.api.ObjectPath;

/** Expands a selector expression (selectors.md) over the installed objects. */
public interface ObjectSelector {
    /**
     * The selected objects, sorted by canonical path, without duplicates.
     *
     * @throws SelectorException when the expression is malformed (exit 2)
     * @throws om.api.OmException {@code <path>: object not found} when the whole selector is one missing path
     */
    List<ObjectPath> select(String selector);
}
