package om.core.internal.driver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.action.ActionLog;
import om.api.action.LogEvent;
import om.api.status.Level;

/** Keeps every action log line. */
public final class RecordingLog implements ActionLog {
    public final List<LogEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void log(LogEvent event) {
        events.add(event);
    }

    /** {@code <rid or -> <LEVEL> <message>} per line, DEBUG excluded. */
    public List<String> lines() {
        return events.stream().filter(e -> e.level() != Level.DEBUG)
                .map(e -> (e.rid() == null ? "-" : e.rid()) + " " + e.level() + " " + e.message()).toList();
    }

    public boolean has(String rid, Level level, String message) {
        return events.stream().anyMatch(e -> java.util.Objects.equals(rid, e.rid()) && e.level() == level
                && e.message().equals(message));
    }
}
