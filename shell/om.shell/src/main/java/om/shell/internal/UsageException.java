package om.shell.internal;

import om.api.OmException;

/** A command line that does not parse: one line, exit 2. */
public final class UsageException extends OmException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message, 2);
    }
}
