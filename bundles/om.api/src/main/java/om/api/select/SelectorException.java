package om.api.select;

import om.api.OmException;

/** A malformed selector: {@code invalid selector '<sel>': <reason>}, exit 2. */
public final class SelectorException extends OmException {
    private static final long serialVersionUID = 1L;

    public SelectorException(String selector, String reason) {
        super("invalid selector '" + selector + "': " + reason, 2);
    }
}
