package om.shell.internal.verb;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionBracket;
import om.api.action.ActionOptions;
import om.api.action.ActionResult;
import om.api.config.Values;
import om.api.status.ResourceStatus;
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
        boolean local = request.has("--local") || options.filtered();
        if (!local && !session.services().daemonRunning()) {
            // orchestrated actions are the daemon's; --local shortcuts it
            throw new OmException("daemon is not running (use --local to act on the local instance)");
        }
        List<ObjectPath> paths = ConfigVerbs.selectForAction(request, session, action);
        boolean debug = request.has("--debug");
        ConsoleLog console = new ConsoleLog(session.out(), session.err(), session.color(), debug);
        List<String> args = bracketArgs(session, request);
        int rc = 0;
        for (ObjectPath p : paths) {
            if (!p.kind().hasResources()) {
                session.err().println("error: " + p.canonical() + ": " + p.kind().word() + " objects have no "
                        + action + " action");
                rc = 1;
                continue;
            }
            ActionBracket begin = ActionBracket.begin(Instant.now(), session.node(), p.canonical(), action, args,
                    ActionBracket.Origin.USER, null);
            CommandLog log = new CommandLog(console, session.services().multiplexer().get(), begin.sid(), debug);
            log.log(begin.toEvent());
            try {
                ActionResult r = session.services().engine().run(p, action, options, log);
                if (r.ok()) {
                    boolean warnings = r.status() != null && r.status().resources().values().stream()
                            .anyMatch(ResourceStatus::hasWarnOrError);
                    log.log(begin.done(Instant.now(), r.status() == null ? "n/a" : r.status().avail().word(),
                            warnings).toEvent());
                } else {
                    log.log(begin.failed(Instant.now(), r.error() == null ? "failed" : r.error()).toEvent());
                    session.err().println("error: " + p.canonical() + ": " + action + " failed"
                            + (r.error() == null ? "" : ": " + r.error()));
                    rc = 1;
                }
            } catch (OmException e) {
                log.log(begin.failed(Instant.now(), e.getMessage()).toEvent());
                session.err().println("error: " + e.getMessage());
                rc = Math.max(rc, e.exitCode());
            }
        }
        return rc;
    }

    /** The command's arguments after the selector, without the verb itself, for the opening bracket. */
    private List<String> bracketArgs(Session session, Request request) {
        List<String> all = session.invocation().args();
        List<String> out = new java.util.ArrayList<>(all.subList(request.selector() == null ? 0 : 1, all.size()));
        out.remove(action);
        return out;
    }

    static ActionOptions options(Request request) {
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
        return action + " the selected objects" + (action.equals("start")
                ? " (resources in order ip, disk, fs, share, container, app)"
                : " (resources in order app, container, share, fs, disk, ip)");
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
