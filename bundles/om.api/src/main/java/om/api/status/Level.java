package om.api.status;

/** Severity of a log entry or action log line. */
public enum Level {
    DEBUG, INFO, WARN, ERROR
}
