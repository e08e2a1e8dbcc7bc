package om.api.status;

/** A message explaining a resource status. */
public record LogEntry(Level level, String message) {
    public static LogEntry info(String m) {
        return new LogEntry(Level.INFO, m);
    }

    public static LogEntry warn(String m) {
        return new LogEntry(Level.WARN, m);
    }

    public static LogEntry error(String m) {
        return new LogEntry(Level.ERROR, m);
    }
}
