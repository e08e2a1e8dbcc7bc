package om.shell.internal.verb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import om.api.ObjectPath;
import om.api.daemon.ObjectStatus;
import om.api.status.Status;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.Json;

/** {@code om [<selector>] ls [--status s,..] [--format json|flat_json]}. */
public final class LsVerb implements Verb {
    static final OptionSpec STATUS = OptionSpec.listOf("--status", List.of("up", "down", "warn", "n/a"),
            "keep the objects whose avail status is one of these");

    @Override
    public int run(VerbRequest request, Session session) {
        String format = request.option("--format");
        boolean machine = Json.isMachine(format);
        Set<Status> wanted = statuses(request.list("--status"));
        String selector = request.selector() == null ? "**" : request.selector();
        List<ObjectPath> paths = session.select(selector);
        if (wanted != null) {
            // the object avail across nodes when the daemon holds it, one snapshot for the whole list
            Map<String, ObjectStatus> objects = session.services().daemonRunning()
                    ? session.services().requireDaemon().status().objects() : Map.of();
            List<ObjectPath> kept = new ArrayList<>();
            for (ObjectPath p : paths) {
                ObjectStatus os = objects.get(p.canonical());
                if (wanted.contains(os != null ? os.avail() : avail(session, p))) {
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

    /** The statuses asked for, null for all; the declaration already checked the words. */
    static Set<Status> statuses(List<String> words) {
        if (words.isEmpty()) {
            return null;
        }
        Set<Status> out = EnumSet.noneOf(Status.class);
        for (String w : words) {
            out.add(Status.fromWord(w).orElseThrow());
        }
        return out;
    }

    @Override
    public List<String> words() {
        return List.of("ls");
    }

    @Override
    public String summary() {
        return "list the selected objects";
    }

    @Override
    public SelectorUse selector() {
        return SelectorUse.OPTIONAL;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(STATUS, CommonOptions.FORMAT);
    }

    @Override
    public String description() {
        return "Print the paths of the selected objects, one per line (default selector '**').";
    }
}
