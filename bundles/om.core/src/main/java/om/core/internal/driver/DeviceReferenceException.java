package om.core.internal.driver;

import om.api.OmException;

/**
 * A {@code {<rid>.exposed_devs[<i>]}} reference that cannot be resolved now; the message names the reference.
 * {@link #notExposed()} tells the ordinary case of a referenced resource that exposes nothing because it is
 * down from a configuration error (no such resource, driver missing, index beyond what it exposes).
 */
public final class DeviceReferenceException extends OmException {
    private static final long serialVersionUID = 1L;
    private final boolean notExposed;

    public DeviceReferenceException(String message, boolean notExposed) {
        super(message);
        this.notExposed = notExposed;
    }

    public boolean notExposed() {
        return notExposed;
    }

    /** The not-exposed failure in a cause chain, if any: drivers may wrap what the context threw. */
    public static java.util.Optional<DeviceReferenceException> notExposedIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof DeviceReferenceException d && d.notExposed()) {
                return java.util.Optional.of(d);
            }
        }
        return java.util.Optional.empty();
    }
}
