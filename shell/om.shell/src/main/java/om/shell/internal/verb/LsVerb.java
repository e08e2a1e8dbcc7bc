package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import om.api.ObjectPath;
import om.api.status.Status;
import om.shell.internal.Request;
import om.shell.internal.Session;
import om.shell.internal.UsageException;
import om.shell.internal.Verb;
import om.shell.internal.render.Json;

/** {@code om [<selector>] ls [--status s,..] [--format json|flat_json]}. */
public final class LsVerb implements Verb {
    private static final Set<Status> FILTERABLE = EnumSet.of(Status.UP, Status.DOWN, Status.WARN, Status.NA);

    @Override
    public int run(Request request, Session session) {
        String format = request.option("--format");
        boolean machine = Json.isMachine(format);
        Set<Status> wanted = statuses(request.option("--status"));
        String selector = request.selector() == null ? "**" : request.selector();
        List<ObjectPath> paths = session.services().select(selector);
        if (wanted != null) {
            List<ObjectPath> kept = new ArrayList<>();
            for (ObjectPath p : paths) {
                if (wanted.contains(avail(session, p))) {
                    kept.add(p);
                }
            }
            paths = kept;
        }
        if (machine) {
            Json json = new Json();
            ArrayNode a = json.array();
            paths.forEach(p -> a.add(p.canonical()));
            json.print(a, format, session.out());
        } else {
            StringBuilder b = new StringBuilder();
            for (ObjectPath p : paths) {
                b.append(p.canonical()).append('\n');
            }
            session.out().print(b);
        }
        return 0;
    }

    private static Status avail(Session session, ObjectPath p) {
        if (!p.kind().hasResources()) {
            return Status.NA;
        }
        try {
            return session.services().status().get(p).avail();
        } catch (RuntimeException e) {
            // an object whose config does not load has no status
            return Status.UNDEF;
        }
    }

    static Set<Status> statuses(String option) {
        if (option == null) {
            return null;
        }
        Set<Status> out = EnumSet.noneOf(Status.class);
        for (String w : option.split(",")) {
            Status s = Status.fromWord(w.trim()).filter(FILTERABLE::contains)
                    .orElseThrow(() -> new UsageException("invalid --status '" + w + "' (up, down, warn, n/a)"));
            out.add(s);
        }
        return out;
    }

    @Override
    public String summary() {
        return "list the selected objects";
    }

    @Override
    public String usage() {
        return """
                usage: om [<selector>] ls [--status <s>[,<s>...]] [--format json|flat_json]

                Print the paths of the selected objects, one per line (default selector '**').
                  --status <s>,..  keep objects whose avail status is one of up, down, warn, n/a
                  --format <f>     json: a JSON array of paths; flat_json: '[<i>] = <path>' lines""";
    }
}
