package om.core.internal.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import om.api.io.AtomicFile;
import om.api.status.InstanceStatus;
import om.api.status.Level;
import om.api.status.LogEntry;
import om.api.status.ResourceStatus;
import om.api.status.Status;

/**
 * Reads and writes {@code <vardir>/status.json}: the instance status plus what decides whether it is still
 * valid (the config file mtime it was evaluated from, and per rid whether its driver was deployed).
 * Writes are atomic (temporary file in the same directory, fsync, rename), so a reader never sees half a file.
 */
final class StatusCacheFile {
    static final String NAME = "status.json";
    static final int VERSION = 1;

    /** The one mapper of om: snake case, unknown members ignored. */
    private final ObjectMapper mapper = om.api.json.Json.mapper();

    /** What the cache holds. {@code configMtime} is null when the config file had no mtime. */
    record Entry(InstanceStatus status, Instant configMtime, Map<String, Boolean> driverPresent) {
    }

    public record Doc(int version, String configMtime, Map<String, Boolean> drivers, InstanceDoc status) {
    }

    public record InstanceDoc(String path, String node, String kind, String topology, String orchestrate,
                              String avail, String overall, String optional, String provisioned, boolean frozen,
                              String frozenAt, String updatedAt, String lastStartedAt, List<String> running,
                              Map<String, ResourceDoc> resources, int priority) {
    }

    public record ResourceDoc(String rid, String type, String label, String status, String provisioned,
                              boolean monitor, boolean disable, boolean optional, boolean standby, boolean encap,
                              boolean stopped, boolean running, int restart, int restartRemaining, String subset,
                              List<String> tags, List<LogDoc> log) {
    }

    public record LogDoc(String level, String message) {
    }

    void write(Path file, Entry e) throws IOException {
        AtomicFile.write(file, mapper.writeValueAsBytes(toDoc(e)));
    }

    /** The cached entry, or null when the file is missing, unreadable or of another format version. */
    Entry read(Path file) {
        try {
            Doc d = mapper.readValue(file.toFile(), Doc.class);
            if (d == null || d.version() != VERSION || d.status() == null) {
                return null;
            }
            return fromDoc(d);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Doc toDoc(Entry e) {
        InstanceStatus s = e.status();
        Map<String, ResourceDoc> res = new LinkedHashMap<>();
        s.resources().forEach((rid, r) -> res.put(rid, new ResourceDoc(r.rid(), r.type(), r.label(),
                r.status().word(), r.provisioned(), r.monitor(), r.disable(), r.optional(), r.standby(), r.encap(),
                r.stopped(), r.running(), r.restart(), r.restartRemaining(), r.subset(), r.tags(),
                r.log().stream().map(l -> new LogDoc(l.level().name().toLowerCase(java.util.Locale.ROOT),
                        l.message())).toList())));
        InstanceDoc doc = new InstanceDoc(s.path(), s.node(), s.kind(), s.topology(), s.orchestrate(),
                s.avail().word(), s.overall().word(), s.optional().word(), s.provisioned(), s.frozen(),
                str(s.frozenAt()), str(s.updatedAt()), str(s.lastStartedAt()), s.running(), res, s.priority());
        return new Doc(VERSION, str(e.configMtime()), e.driverPresent(), doc);
    }

    private static Entry fromDoc(Doc d) {
        InstanceDoc s = d.status();
        Map<String, ResourceStatus> res = new LinkedHashMap<>();
        if (s.resources() != null) {
            s.resources().forEach((rid, r) -> res.put(rid, new ResourceStatus(r.rid(), r.type(), r.label(),
                    status(r.status()), r.provisioned(), r.monitor(), r.disable(), r.optional(), r.standby(),
                    r.encap(), r.stopped(), r.running(), r.restart(), r.restartRemaining(), r.subset(),
                    r.tags() == null ? List.of() : r.tags(),
                    r.log() == null ? List.of() : r.log().stream().map(StatusCacheFile::entry).toList())));
        }
        InstanceStatus st = new InstanceStatus(s.path(), s.node(), s.kind(), s.topology(), s.orchestrate(),
                status(s.avail()), status(s.overall()), status(s.optional()), s.provisioned(), s.frozen(),
                instant(s.frozenAt()), instant(s.updatedAt()), instant(s.lastStartedAt()),
                s.running() == null ? List.of() : s.running(), res, s.priority());
        return new Entry(st, instant(d.configMtime()), d.drivers() == null ? Map.of() : d.drivers());
    }

    private static LogEntry entry(LogDoc l) {
        Level level = switch (l.level() == null ? "" : l.level()) {
            case "debug" -> Level.DEBUG;
            case "warn" -> Level.WARN;
            case "error" -> Level.ERROR;
            default -> Level.INFO;
        };
        return new LogEntry(level, l.message());
    }

    private static Status status(String word) {
        return Status.fromWord(word).orElse(Status.UNDEF);
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
