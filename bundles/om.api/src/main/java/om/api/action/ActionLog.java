package om.api.action;

/** Receives every action log line; implementations fan them out to their sinks and never throw. */
@FunctionalInterface
public interface ActionLog {
    void log(LogEvent event);
}
