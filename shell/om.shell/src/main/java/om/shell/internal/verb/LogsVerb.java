package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import om.api.ObjectPath;
import om.api.config.Values;
import om.log.api.LogLine;
import om.log.api.LogReader;
import om.shell.internal.Request;
import om.shell.internal.Session;
import om.shell.internal.UsageException;
import om.shell.internal.Verb;
import om.shell.internal.render.InstanceJson;
import om.shell.internal.render.Json;

/** {@code om <selector> logs} and {@code om node logs}, with {@code --follow} and {@code --since <duration>}. */
public final class LogsVerb implements Verb {
    @Override
    public int run(Request request, Session session) {
        String format = request.option("--format");
        boolean machine = Json.isMachine(format);
        Instant since = null;
        String s = request.option("--since");
        if (s != null) {
            since = Instant.now().minus(Values.parseDuration(s)
                    .orElseThrow(() -> new UsageException("invalid --since '" + s + "' (a duration like 10m)")));
        }
        LogReader reader = session.services().requireLogReader();
        List<ObjectPath> paths = request.verb().get(0).equals("node") ? java.util.Collections.singletonList(null)
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
            return follow(reader, paths, since, print, out);
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
                              PrintStream out) {
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
            // until the caller goes away (Ctrl-C closes the bridge connection and the stream errors)
            while (!out.checkError()) {
                Thread.sleep(500);
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
    public String summary() {
        return node ? "print the node log (log/node.log)" : "print the action log of the selected objects";
    }

    @Override
    public String usage() {
        return """
                usage: om <selector> logs [--since <duration>] [--follow] [--format json]
                       om node logs [--since <duration>] [--follow] [--format json]

                  --since <d>   only lines written in the last <d> (e.g. 10m, 1h30m)
                  --follow      keep printing new lines until interrupted""";
    }
}
