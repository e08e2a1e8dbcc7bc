package om.log.internal.collector;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import om.api.action.ActionBracket;
import om.api.action.LogEvent;
import om.api.status.Level;
import om.log.api.SinkHealth;
import om.log.internal.HealthSource;
import om.log.internal.LogSink;
import om.log.internal.SinkCounters;
import om.log.internal.settings.CollectorConfig;
import om.log.internal.settings.LogSettings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The collector sink, on while {@code node.dbopensvc} is set. It turns bracketed actions into three kinds of
 * XML-RPC calls written to the {@link Spool} (never sent from the caller's thread):
 * <ul>
 * <li>{@code begin_action(vars, vals, auth)} at the {@code do ...} bracket, vars
 * {@code svcname action hostname sid begin cron};</li>
 * <li>{@code res_action_batch(vars, rows, auth)} at the closing bracket, one row per resource (object-level lines
 * under rid {@code ""}), vars {@code svcname action hostname sid rid begin end status_log status cron}, status
 * {@code ok}/{@code warn}/{@code err} from the worst level of the resource's lines;</li>
 * <li>{@code end_action(vars, vals, auth)}, vars {@code svcname action hostname sid begin end time status},
 * status {@code ok} or {@code err}, time in seconds.</li>
 * </ul>
 * {@code auth} is {@code [node.uuid, nodename]}. Lines outside a bracket (node lines, unbracketed actions) are not
 * sent. An action is keyed by its sid (else node, path and action).
 */
@Component(service = {LogSink.class, HealthSource.class}, property = LogSink.PROPERTY + "=collector")
public final class CollectorSink implements LogSink {
    static final int MAX_LINES = 10_000;
    /** Open actions remembered; beyond, the begin of a never-ended action (crashed caller) is forgotten. */
    static final int MAX_OPEN = 1000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final class Track {
        final Instant begin;
        final String path;
        final String actionText;
        final String sid;
        final boolean scheduled;
        final Map<String, List<LogEvent>> byRid = new LinkedHashMap<>();
        int lines;

        Track(Instant begin, String path, String actionText, String sid, boolean scheduled) {
            this.begin = begin;
            this.path = path;
            this.actionText = actionText;
            this.sid = sid;
            this.scheduled = scheduled;
        }
    }

    private final LogSettings settings;
    private final Spool spool;
    private final ZoneId zone;
    private final SinkCounters counters;
    private final Map<String, Track> tracks = new ConcurrentHashMap<>();

    @Activate
    public CollectorSink(@Reference LogSettings settings, @Reference Spool spool) {
        this(settings, spool, Clock.systemDefaultZone());
    }

    public CollectorSink(LogSettings settings, Spool spool, Clock clock) {
        this.settings = settings;
        this.spool = spool;
        this.zone = clock.getZone();
        this.counters = new SinkCounters("collector", clock);
    }

    @Override
    public void accept(LogEvent e) {
        CollectorConfig cfg = settings.current().collector();
        if (cfg == null) {
            return;
        }
        try {
            Optional<ActionBracket.Phase> phase = ActionBracket.phaseOf(e);
            if (phase.isEmpty()) {
                line(e);
            } else if (phase.get() == ActionBracket.Phase.BEGIN) {
                begin(e, cfg);
            } else {
                end(e, cfg, phase.get() == ActionBracket.Phase.DONE);
            }
        } catch (IOException | RuntimeException ex) {
            counters.error(ex);
        }
    }

    private static String key(LogEvent e) {
        return e.sid() != null ? e.sid() : e.node() + "|" + e.path() + "|" + e.action();
    }

    private void line(LogEvent e) {
        if (e.action() == null) {
            return;
        }
        Track t = tracks.get(key(e));
        if (t == null) {
            return;
        }
        synchronized (t) {
            if (t.lines >= MAX_LINES) {
                counters.dropped(1);
                return;
            }
            t.lines++;
            t.byRid.computeIfAbsent(e.rid() == null ? "" : e.rid(), r -> new ArrayList<>()).add(e);
        }
    }

    private void begin(LogEvent e, CollectorConfig cfg) throws IOException {
        Track t = new Track(e.at(), e.path() == null ? "" : e.path(), actionText(e), e.sid(), e.scheduled());
        if (tracks.size() >= MAX_OPEN) {
            tracks.entrySet().stream().min(java.util.Comparator.comparing(x -> x.getValue().begin))
                    .ifPresent(oldest -> {
                        tracks.remove(oldest.getKey());
                        counters.dropped(1);
                    });
        }
        tracks.put(key(e), t);
        List<String> vars = List.of("svcname", "action", "hostname", "sid", "begin", "cron");
        List<Object> vals = List.of(t.path, t.actionText, cfg.nodename(), nz(t.sid), time(t.begin), cron(t));
        spool("begin_action", List.of(vars, vals, auth(cfg)));
    }

    private void end(LogEvent e, CollectorConfig cfg, boolean ok) throws IOException {
        Track t = tracks.remove(key(e));
        if (t == null) {
            // the begin bracket was logged before the collector was switched on: begin it now
            t = new Track(e.at(), e.path() == null ? "" : e.path(), e.action(), e.sid(), e.scheduled());
        }
        List<List<Object>> rows = new ArrayList<>();
        synchronized (t) {
            for (Map.Entry<String, List<LogEvent>> r : t.byRid.entrySet()) {
                rows.add(row(t, cfg, r.getKey(), r.getValue()));
            }
        }
        if (!rows.isEmpty()) {
            List<String> vars = List.of("svcname", "action", "hostname", "sid", "rid", "begin", "end", "status_log",
                    "status", "cron");
            spool("res_action_batch", List.of(vars, rows, auth(cfg)));
        }
        List<String> vars = List.of("svcname", "action", "hostname", "sid", "begin", "end", "time", "status");
        long seconds = Duration.between(t.begin, e.at()).toSeconds();
        List<Object> vals = List.of(t.path, t.actionText, cfg.nodename(), nz(t.sid), time(t.begin), time(e.at()),
                Long.toString(seconds), ok ? "ok" : "err");
        spool("end_action", List.of(vars, vals, auth(cfg)));
    }

    private List<Object> row(Track t, CollectorConfig cfg, String rid, List<LogEvent> lines) {
        Level worst = Level.DEBUG;
        StringBuilder log = new StringBuilder();
        for (LogEvent l : lines) {
            if (l.level().compareTo(worst) > 0) {
                worst = l.level();
            }
            if (log.length() > 0) {
                log.append('\n');
            }
            log.append(l.message());
        }
        String status = switch (worst) {
            case ERROR -> "err";
            case WARN -> "warn";
            default -> "ok";
        };
        return List.of(t.path, t.actionText, cfg.nodename(), nz(t.sid), rid, time(lines.get(0).at()),
                time(lines.get(lines.size() - 1).at()), log.toString(), status, cron(t));
    }

    private void spool(String method, List<?> params) throws IOException {
        int dropped = spool.add(XmlRpc.call(method, params));
        counters.written();
        if (dropped > 0) {
            counters.dropped(dropped);
        }
    }

    /** {@code start --rid app#0} from {@code do start --rid app#0 (origin user)}. */
    static String actionText(LogEvent e) {
        String m = e.message();
        if (m.startsWith("do ")) {
            m = m.substring(3);
        }
        int o = m.lastIndexOf(" (origin ");
        return o >= 0 ? m.substring(0, o) : m;
    }

    private static List<String> auth(CollectorConfig cfg) {
        return List.of(cfg.uuid(), cfg.nodename());
    }

    private static String cron(Track t) {
        return t.scheduled ? "1" : "0";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private String time(Instant at) {
        return LocalDateTime.ofInstant(at, zone).format(TIME);
    }

    @Override
    public SinkHealth health() {
        return counters.snapshot(settings.current().collector() != null, spool.size());
    }
}
