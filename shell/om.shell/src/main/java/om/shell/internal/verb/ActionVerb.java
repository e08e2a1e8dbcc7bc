package om.shell.internal.verb;

import java.util.List;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionBracket;
import om.api.action.ActionOptions;
import om.api.action.ActionRequest;
import om.api.action.ActionResult;
import om.shell.internal.CommandLog;
import om.shell.internal.ConsoleLog;
import om.api.cli.OptionSpec;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;

/**
 * {@code om <selector> start|stop [--local] [--rid ..] [--tags ..] [--subsets ..] [--force] ...}, and the other
 * engine actions: {@code provision}, {@code unprovision}, {@code run}, {@code sync all|nodes|drp}.
 */
public final class ActionVerb implements Verb {
    /** The engine's word for the action ({@code sync_nodes}). */
    private final String action;
    /** The command's words ({@code sync nodes}). */
    private final List<String> words;

    public ActionVerb(String action) {
        this(List.of(action), action);
    }

    private ActionVerb(List<String> words, String action) {
        this.words = List.copyOf(words);
        this.action = action;
    }

    /** {@code sync all}, {@code sync nodes}, {@code sync drp}: the engine's sync_all, sync_nodes, sync_drp. */
    public static List<ActionVerb> syncs() {
        return List.of(new ActionVerb(List.of("sync", "all"), "sync_all"),
                new ActionVerb(List.of("sync", "nodes"), "sync_nodes"),
                new ActionVerb(List.of("sync", "drp"), "sync_drp"));
    }

    private boolean isSync() {
        return action.startsWith("sync_");
    }

    private String verb() {
        return String.join(" ", words);
    }

    @Override
    public int run(VerbRequest request, Session session) {
        ActionOptions options = options(request);
        // provision, unprovision, run and sync always act on the local instance; start and stop belong to the
        // orchestrator unless --local or a resource filter says otherwise
        boolean local = request.has("--local") || options.filtered()
                || !(action.equals("start") || action.equals("stop"));
        if (!local) {
            for (String o : List.of("--force", "--dry-run", "--disable-rollback", "--waitlock")) {
                if (request.has(o) || request.option(o) != null) {
                    throw new OmException(o + " applies to --local actions (the orchestrator acts on whole instances)");
                }
            }
            // orchestrated actions are the daemon's; --local shortcuts it
            return OrchestrateVerb.orchestrate(action, request, session);
        }
        for (String o : List.of("--wait", "--time", "--watch")) {
            if (request.has(o) || request.option(o) != null) {
                throw new OmException(o + " applies to orchestrated actions (without --local and resource filters)");
            }
        }
        List<ObjectPath> paths = ConfigVerbs.selectForAction(request, session, verb());
        boolean debug = request.has("--debug");
        ConsoleLog console = new ConsoleLog(session.out(), session.err(), session.color(request), debug);
        List<String> args = bracketArgs(session, request);
        long logFailures = session.services().logFailures();
        int rc = 0;
        for (ObjectPath p : paths) {
            if (!p.kind().hasResources()) {
                session.error(p.canonical() + ": " + p.kind().word() + " objects have no "
                        + verb() + " action");
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
                    session.error(p.canonical() + ": " + verb() + " failed"
                            + (r.error() == null ? "" : ": " + r.error()));
                    rc = 1;
                }
            } catch (OmException e) {
                boolean named = e.getMessage().startsWith(p.canonical() + ":");
                session.error((paths.size() > 1 && !named ? p.canonical() + ": " : "")
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
    private static void checkConfirmation(Session session, VerbRequest request, ObjectPath p) {
        if (request.has("--confirm")) {
            return;
        }
        om.api.config.ObjectConfig cfg = session.services().store().load(p)
                .orElseThrow(() -> new OmException(p.canonical() + ": object not found"));
        List<String> wanted = request.list("--rid");
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
    private List<String> bracketArgs(Session session, VerbRequest request) {
        List<String> all = session.invocation().args();
        List<String> out = new java.util.ArrayList<>(all.subList(request.selector() == null ? 0 : 1, all.size()));
        words.forEach(out::remove);
        return out;
    }

    /** The engine's options from the command line; the declarations already refused empty lists and bad durations. */
    static ActionOptions options(VerbRequest request) {
        return new ActionOptions(request.has("--force"), request.has("--dry-run"), request.has("--disable-rollback"),
                request.list("--rid"), request.option("--tags"), request.list("--subsets"),
                request.duration("--waitlock").orElse(null));
    }

    @Override
    public List<String> words() {
        return words;
    }

    @Override
    public String summary() {
        return switch (action) {
            case "start" -> "start the selected objects (resources in order ip, disk, fs, share, container, app)";
            case "stop" -> "stop the selected objects (resources in order app, container, share, fs, disk, ip)";
            case "provision" -> "create what the resources need (disk files, filesystems)";
            case "unprovision" -> "stop, then destroy what provision created";
            case "run" -> "run the task resources (all, or those of --rid)";
            case "sync_all" -> "copy the sync resources' data to the other nodes and the drp nodes";
            case "sync_nodes" -> "copy the data of sync resources with target nodes to the other nodes";
            case "sync_drp" -> "copy the data of sync resources with target drpnodes to the drp nodes";
            default -> action + " the selected objects";
        };
    }

    /** What a sync acts on: the resource filters, the lock wait, a dry run. */
    static List<OptionSpec> syncOptions() {
        return List.of(
                OptionSpec.list("--rid", "<rid|group>", "only these sync resources: rids, rid globs or the group sync"),
                OptionSpec.list("--tags", "<tag>[+<tag>]", "only resources with these tags: ',' is OR, '+' is AND"),
                OptionSpec.list("--subsets", "<subset>", "only resources in these subsets"),
                OptionSpec.flag("--dry-run", "print what would be copied, change nothing"),
                OptionSpec.duration("--waitlock", "wait at most <duration> for the object's sync lock "
                        + "(default lock_timeout)"),
                OptionSpec.flag("--debug", "print and log the debug lines too"),
                CommonOptions.COLOR);
    }

    @Override
    public List<OptionSpec> options() {
        if (isSync()) {
            return syncOptions();
        }
        List<OptionSpec> o = new java.util.ArrayList<>(List.of(
                OptionSpec.flag("--local", "act on the local instance now, shortcutting the orchestrator"),
                OptionSpec.list("--rid", "<rid|group>", "only these resources: rids, rid globs (fs#*) or driver groups"),
                OptionSpec.list("--tags", "<tag>[+<tag>]", "only resources with these tags: ',' is OR, '+' is AND"),
                OptionSpec.list("--subsets", "<subset>", "only resources in these subsets"),
                OptionSpec.flag("--force", "also stop standby resources"),
                OptionSpec.flag("--dry-run", "print what would run, change nothing"),
                OptionSpec.flag("--disable-rollback", "leave started resources up when a start fails"),
                OptionSpec.duration("--waitlock", "wait at most <duration> for the object's action lock "
                        + "(default lock_timeout)")));
        if (action.equals("run")) {
            o.add(OptionSpec.flag("--confirm", "run tasks with confirmation = true without asking"));
        }
        o.add(OptionSpec.flag("--debug", "print and log the debug lines too"));
        if (action.equals("start") || action.equals("stop")) {
            o.addAll(OrchestrateVerb.options(action));
        } else {
            o.add(CommonOptions.COLOR);
        }
        return o;
    }

    @Override
    public String description() {
        if (isSync()) {
            return "Acts on the local instance, only where it is up (elsewhere: nothing done, exit 0). Each sync\n"
                    + "resource copies its src with rsync over ssh to the peers of its target; the copies hold the\n"
                    + "object's sync lock, not its action lock, so start and stop are not held up.";
        }
        return action.equals("start") || action.equals("stop")
                ? "Without --local and without resource filters the request goes to the local daemon's orchestrator,\n"
                + "which must be running; by default the command returns when the daemon acknowledged it."
                + (action.equals("stop") ? "\nThe instances are frozen: the orchestrator does not restart them." : "")
                : "Acts on the local instance.";
    }
}
