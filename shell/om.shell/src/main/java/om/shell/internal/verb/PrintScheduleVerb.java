package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.Quote;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.api.config.ObjectConfig;
import om.api.schedule.Job;
import om.api.schedule.Jobs;
import om.api.schedule.LastRuns;
import om.api.status.InstanceStatus;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.InstanceJson;
import om.shell.internal.render.Json;
import om.shell.internal.render.Table;

/**
 * {@code om <selector> print schedule} and {@code om node print schedule}: the scheduler's jobs of the local
 * instances, with their schedule, last run, next run and why they would not run now. Computed from the same files
 * and rules as the daemon's scheduler (the configs, the status cache, the last-run files, {@link Jobs}), so it
 * answers with or without a daemon.
 */
public final class PrintScheduleVerb implements Verb {
    static final List<String> HEADER = List.of("ACTION", "RID", "KEYWORD", "SCHEDULE", "LAST RUN", "NEXT RUN",
            "WHY");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final boolean node;

    private PrintScheduleVerb(boolean node) {
        this.node = node;
    }

    public static PrintScheduleVerb object() {
        return new PrintScheduleVerb(false);
    }

    public static PrintScheduleVerb node() {
        return new PrintScheduleVerb(true);
    }

    /** One job as the verb shows it; {@code last} and {@code next} null for never. */
    record Row(String path, Job job, Instant last, Instant next, String why) {
    }

    @Override
    public int run(VerbRequest request, Session session) {
        String format = request.option("--format");
        List<ObjectPath> paths;
        if (node) {
            paths = session.services().store().list();
        } else {
            paths = session.select(request.selector());
            if (paths.isEmpty()) {
                throw new OmException(request.selector() + ": object not found");
            }
        }
        Path frozenFlag = Jobs.nodeFrozenFlag(session.services().installation());
        boolean nodeFrozen = Files.exists(frozenFlag);
        String nodename = session.services().installation().nodename();
        Instant now = Instant.now();
        List<Row> rows = new ArrayList<>();
        for (ObjectPath p : paths) {
            if (!p.kind().hasResources()) {
                continue;
            }
            ObjectConfig cfg = session.services().store().load(p).orElse(null);
            if (cfg == null) {
                if (!node) {
                    throw new OmException(p.canonical() + ": object not found");
                }
                continue;
            }
            InstanceStatus st = status(session, p);
            rows.addAll(rows(p.canonical(), Jobs.of(cfg), st, session.services().installation().varDir(p),
                    nodeFrozen, nodename, now, ZoneId.systemDefault()));
        }
        boolean withPath = node || paths.size() > 1;
        if (Json.isMachine(format)) {
            new Json().print(json(rows), format, session.out());
        } else {
            session.out().print(table(rows, withPath, ZoneId.systemDefault()));
        }
        return 0;
    }

    private static InstanceStatus status(Session session, ObjectPath p) {
        try {
            return session.services().status().get(p);
        } catch (RuntimeException e) {
            // no status: the action jobs say "no status yet"
            return null;
        }
    }

    /** The rows of one object, in job order, as the scheduler would see them at {@code now}. */
    static List<Row> rows(String path, List<Job> jobs, InstanceStatus st, Path varDir, boolean nodeFrozen,
                          String nodename, Instant now, ZoneId zone) {
        List<Row> out = new ArrayList<>();
        for (Job j : jobs) {
            Instant last = j.isAction() ? LastRuns.read(varDir, j.name()).orElse(null) : Jobs.evaluationRun(st);
            Instant next = null;
            // a job that never runs as configured has no next run (it would be a time that does not come)
            if (j.schedule() != null && !j.disabled() && !j.confirmation()) {
                Instant from = last != null && last.isAfter(now) ? now : last;
                next = j.schedule().next(now, from, zone, j.seed(nodename, path)).orElse(null);
            }
            out.add(new Row(path, j, last, next, Jobs.blocker(j, st, nodeFrozen).orElse("")));
        }
        return out;
    }

    static ArrayNode json(List<Row> rows) {
        ArrayNode a = new Json().array();
        for (Row r : rows) {
            ObjectNode o = a.addObject();
            o.put("path", r.path());
            o.put("action", r.job().action().word());
            o.put("rid", r.job().rid());
            o.put("keyword", r.job().keyword());
            o.put("schedule", r.job().expression());
            o.put("last_run", r.last() == null ? null : InstanceJson.time(r.last()));
            o.put("next_run", r.next() == null ? null : InstanceJson.time(r.next()));
            o.put("why", r.why().isEmpty() ? null : r.why());
        }
        return a;
    }

    /** One row per job; times in the node's zone, {@code -} for never; the OBJECT column for several objects. */
    static String table(List<Row> rows, boolean withPath, ZoneId zone) {
        List<List<String>> cells = new ArrayList<>();
        List<String> header = new ArrayList<>();
        if (withPath) {
            header.add("OBJECT");
        }
        header.addAll(HEADER);
        cells.add(header);
        for (Row r : rows) {
            List<String> c = new ArrayList<>();
            if (withPath) {
                c.add(Quote.line(r.path(), 200));
            }
            Job j = r.job();
            c.add(j.action().word());
            c.add(j.rid() == null ? "-" : j.rid());
            c.add(j.keyword());
            c.add(j.expression() == null || j.expression().isBlank() ? "-" : Quote.line(j.expression(), 200));
            c.add(r.last() == null ? "-" : LOCAL.format(r.last().atZone(zone)));
            c.add(r.next() == null ? "-" : LOCAL.format(r.next().atZone(zone)));
            c.add(Quote.line(r.why(), 300));
            cells.add(c);
        }
        return Table.render(cells);
    }

    @Override
    public List<String> words() {
        return node ? List.of("node", "print", "schedule") : List.of("print", "schedule");
    }

    @Override
    public SelectorUse selector() {
        return node ? SelectorUse.NONE : SelectorUse.REQUIRED;
    }

    @Override
    public String summary() {
        return node ? "show the scheduler's jobs of every object on this node"
                : "show the scheduler's jobs of the objects: schedule, last and next run";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(CommonOptions.FORMAT);
    }

    @Override
    public String description() {
        return """
                One row per job of the local instance: status (status_schedule), monitor (monitor_schedule),
                one sync per sync resource and one run per task resource (their schedule, else sync_schedule or
                run_schedule), with the schedule expression, the last run, the next run and why the job would
                not run now (not scheduled, disabled, frozen, node frozen, not up on this node, not
                provisioned, needs confirmation, no monitored resource, invalid schedule). Times are the
                node's local time; --format json gives RFC 3339 times and one object per job.""";
    }
}
