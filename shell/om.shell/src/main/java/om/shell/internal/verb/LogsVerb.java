package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import om.api.ObjectPath;
import om.log.api.LogLine;
import om.log.api.LogReader;
import om.api.Cancellation;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.InstanceJson;
import om.shell.internal.render.Json;

/** {@code om <selector> logs} and {@code om node logs}, with {@code --follow} and {@code --since <duration>}. */
public final class LogsVerb implements Verb {
    @Override
    public int run(VerbRequest request, Session session) {
        String format = request.option("--format");
        boolean machine = Json.isMachine(format);
        Instant since = request.duration("--since").map(d -> Instant.now().minus(d)).orElse(null);
        LogReader reader = session.services().requireLogReader();
        List<ObjectPath> paths = node ? java.util.Collections.singletonList(null)
                : ConfigVerbs.selectForAction(request, session, "logs");
        Json json = new Json();
        PrintStream out = session.out();
        Consumer<LogLine> print = line -> {
            if (machine) {
                out.println(toJson(json, line).toString());
            } else {
                out.println(line.text());
            }
        };
        if (request.has("--follow")) {
            return follow(reader, paths, since, print, out, session.invocation().cancel());
        }
        if (machine && "json".equals(format)) {
            ArrayNode all = json.array();
            for (ObjectPath p : paths) {
                reader.read(p, since).forEach(l -> all.add(toJson(json, l)));
            }
            json.print(all, format, out);
            return 0;
        }
        for (ObjectPath p : paths) {
            reader.read(p, since).forEach(print);
        }
        return 0;
    }

    private static int follow(LogReader reader, List<ObjectPath> paths, Instant since, Consumer<LogLine> print,
                              PrintStream out, Cancellation cancel) {
        List<LogReader.Follow> follows = new java.util.ArrayList<>();
        Object lock = new Object();
        try {
            for (ObjectPath p : paths) {
                follows.add(reader.follow(p, since, l -> {
                    synchronized (lock) {
                        print.accept(l);
                    }
                }));
            }
            // until the caller interrupts (Ctrl-C cancels the invocation) or goes away (the stream errors)
            while (!cancel.isCancelled() && !out.checkError()) {
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            follows.forEach(LogReader.Follow::close);
        }
        return 0;
    }

    private static ObjectNode toJson(Json json, LogLine l) {
        ObjectNode o = json.object();
        o.put("at", InstanceJson.time(l.at()));
        o.put("level", l.level().name().toLowerCase(java.util.Locale.ROOT));
        o.put("node", l.node());
        o.put("path", l.path());
        o.put("rid", l.rid());
        o.put("subset", l.subset());
        o.put("sid", l.sid());
        o.put("component", l.component());
        o.put("scheduled", l.scheduled());
        o.put("message", l.message());
        return o;
    }

    private final boolean node;

    public LogsVerb(boolean node) {
        this.node = node;
    }

    @Override
    public List<String> words() {
        return node ? List.of("node", "logs") : List.of("logs");
    }

    @Override
    public String summary() {
        return node ? "print the node log (log/node.log)" : "print the action log of the selected objects";
    }

    @Override
    public SelectorUse selector() {
        return node ? SelectorUse.NONE : SelectorUse.REQUIRED;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.duration("--since", "only lines written in the last <duration> (e.g. 10m, 1h30m)"),
                OptionSpec.flag("--follow", "keep printing new lines until interrupted (Ctrl-C exits 0)"),
                // no flat_json: a log is a list of records, not one document to flatten
                OptionSpec.choice("--format", List.of("json"),
                        "json: a JSON array of the lines; with --follow one JSON object per line"));
    }
}
