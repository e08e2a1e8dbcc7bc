package om.shell.internal.verb;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionBracket;
import om.api.action.ActionOptions;
import om.api.action.ActionRequest;
import om.api.action.ActionResult;
import om.api.config.Values;
import om.shell.internal.CommandLog;
import om.shell.internal.ConsoleLog;
import om.shell.internal.Request;
import om.shell.internal.Session;
import om.shell.internal.UsageException;
import om.shell.internal.Verb;

/** {@code om <selector> start|stop [--local] [--rid ..] [--tags ..] [--subsets ..] [--force] ...}. */
public final class ActionVerb implements Verb {
    private final String action;

    public ActionVerb(String action) {
        this.action = action;
    }

    @Override
    public int run(Request request, Session session) {
        ActionOptions options = options(request);
        // provision, unprovision and run always act on the local instance; start and stop belong to the
        // orchestrator unless --local or a resource filter says otherwise
        boolean local = request.has("--local") || options.filtered()
                || !(action.equals("start") || action.equals("stop"));
        if (!local && !session.services().daemonRunning()) {
            // orchestrated actions are the daemon's; --local shortcuts it
            throw new OmException("daemon is not running");
        }
        List<ObjectPath> paths = ConfigVerbs.selectForAction(request, session, action);
        boolean debug = request.has("--debug");
        ConsoleLog console = new ConsoleLog(session.out(), session.err(), session.color(), debug);
        List<String> args = bracketArgs(session, request);
        long logFailures = session.services().logFailures();
        int rc = 0;
        for (ObjectPath p : paths) {
            if (!p.kind().hasResources()) {
                session.err().println("error: " + p.canonical() + ": " + p.kind().word() + " objects have no "
                        + action + " action");
                rc = 1;
                continue;
            }
            // the engine writes the brackets; the command's log stamps its lines with the same session id
            String sid = java.util.UUID.randomUUID().toString();
            CommandLog log = new CommandLog(console, session.services().multiplexer().get(), sid, debug);
            try {
                if (action.equals("run")) {
                    checkConfirmation(session, request, p);
                }
                ActionResult r = session.services().engine().run(new ActionRequest(p, action, options,
                        ActionBracket.Origin.USER, args, log, session.invocation().cancel(), sid));
                if (!r.ok()) {
                    session.err().println("error: " + p.canonical() + ": " + action + " failed"
                            + (r.error() == null ? "" : ": " + r.error()));
                    rc = 1;
                }
            } catch (OmException e) {
                boolean named = e.getMessage().startsWith(p.canonical() + ":");
                session.err().println("error: " + (paths.size() > 1 && !named ? p.canonical() + ": " : "")
                        + e.getMessage());
                rc = Math.max(rc, e.exitCode());
            }
            if (session.invocation().cancel().isCancelled()) {
                // the caller asked to stop: the other objects are not acted on
                break;
            }
        }
        long lost = session.services().logFailures() - logFailures;
        if (lost > 0) {
            // the action went on; say once that its trace is incomplete
            session.err().println("warning: " + lost + " log line(s) could not be written (see om daemon status)");
        }
        return rc;
    }

    /** Tasks with {@code confirmation = true} run only when the operator said yes. */
    private static void checkConfirmation(Session session, Request request, ObjectPath p) {
        if (request.has("--confirm")) {
            return;
        }
        om.api.config.ObjectConfig cfg = session.services().store().load(p)
                .orElseThrow(() -> new OmException(p.canonical() + ": object not found"));
        List<String> wanted = split(request.option("--rid"));
        for (String rid : cfg.rids()) {
            boolean selected = wanted.isEmpty() || wanted.contains(rid) || wanted.contains("task");
            if (!rid.startsWith("task#") || !selected || !cfg.getBool(rid, "confirmation")) {
                continue;
            }
            if (!session.invocation().tty()) {
                throw new OmException(p.canonical() + ": " + rid + " asks for confirmation: add --confirm");
            }
            session.out().print(p.canonical() + ": run " + rid + "? (yes/no) ");
            session.out().flush();
            String answer = readLine(session.invocation().in());
            if (!answer.trim().equalsIgnoreCase("yes")) {
                throw new OmException(p.canonical() + ": " + rid + ": not confirmed");
            }
        }
    }

    private static String readLine(java.io.InputStream in) {
        StringBuilder b = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.append((char) c);
            }
        } catch (java.io.IOException e) {
            return "";
        }
        return b.toString();
    }

    /** The command's arguments after the selector, without the verb itself, for the opening bracket. */
    private List<String> bracketArgs(Session session, Request request) {
        List<String> all = session.invocation().args();
        List<String> out = new java.util.ArrayList<>(all.subList(request.selector() == null ? 0 : 1, all.size()));
        out.remove(action);
        return out;
    }

    static ActionOptions options(Request request) {
        for (String f : List.of("--rid", "--subsets", "--tags")) {
            String v = request.option(f);
            if (v != null && v.isBlank()) {
                throw new OmException("no resource match the given --rid, --subsets and --tags specifiers");
            }
        }
        Duration waitlock = null;
        String w = request.option("--waitlock");
        if (w != null) {
            waitlock = Values.parseDuration(w).orElseThrow(() -> new UsageException("invalid --waitlock '" + w + "'"));
        }
        return new ActionOptions(request.has("--force"), request.has("--dry-run"), request.has("--disable-rollback"),
                split(request.option("--rid")), request.option("--tags"), split(request.option("--subsets")), waitlock);
    }

    private static List<String> split(String s) {
        return s == null ? List.of() : Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    @Override
    public String summary() {
        return switch (action) {
            case "start" -> "start the selected objects (resources in order ip, disk, fs, share, container, app)";
            case "stop" -> "stop the selected objects (resources in order app, container, share, fs, disk, ip)";
            case "provision" -> "create what the resources need (disk files, filesystems)";
            case "unprovision" -> "stop, then destroy what provision created";
            case "run" -> "run the task resources (all, or those of --rid)";
            default -> action + " the selected objects";
        };
    }

    @Override
    public String usage() {
        return "usage: om <selector> " + action + " [--local] [--rid <rid|group>[,..]] [--tags <t>[+<t>][,..]]\n"
                + "          [--subsets <s>[,..]] [--force] [--dry-run] [--disable-rollback] [--waitlock <duration>]\n\n"
                + "  --local             act on the local instance now, shortcutting the orchestrator\n"
                + "  --rid <x>,..        only these resources: rids, rid globs (fs#*) or driver groups\n"
                + "  --tags <expr>       only resources with these tags: ',' is OR, '+' is AND\n"
                + "  --subsets <s>,..    only resources in these subsets\n"
                + "  --force             also stop standby resources\n"
                + "  --dry-run           print what would run, change nothing\n"
                + "  --disable-rollback  leave started resources up when a start fails\n"
                + "  --waitlock <d>      wait at most <d> for the object's action lock (default lock_timeout)\n"
                + "Without --local and without resource filters the daemon runs the action; it must be running.";
    }
}
