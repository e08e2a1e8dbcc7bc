package om.api.action;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives every action log line; implementations fan them out to their sinks and never throw. */
@FunctionalInterface
@ConsumerType
public interface ActionLog {
    void log(LogEvent event);

    /**
     * Waits (bounded) until the lines logged so far are written, for implementations that write off the caller's
     * thread (the {@code om.log=async} service). A CLI command calls it before it returns, so that its lines are
     * on disk when the prompt comes back. Synchronous implementations have nothing to do.
     */
    default void flush() {
    }
}
