package om.api.driver;

import java.util.List;
import om.api.status.LogEntry;
import om.api.status.Status;

/** A driver's status answer with the log entries explaining it. */
public record CheckResult(Status status, List<LogEntry> log) {
    public CheckResult {
        log = List.copyOf(log);
    }

    public static CheckResult of(Status s, LogEntry... entries) {
        return new CheckResult(s, List.of(entries));
    }
}
