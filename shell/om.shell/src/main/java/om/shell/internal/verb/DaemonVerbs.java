package om.shell.internal.verb;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import om.api.Cancellation;
import om.api.ObjectPath;
import om.api.cli.DaemonControl;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.shell.internal.Request;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.DaemonRender;
import om.shell.internal.render.Json;
import om.shell.internal.render.MonRender;

/** Verbs that need the daemon: mon, daemon status, daemon stop. */
public final class DaemonVerbs {
    private DaemonVerbs() {
    }


    public static Verb mon() {
        return new SimpleVerb(DaemonVerbs::status, "cluster overview from the daemon (threads, nodes, services)", """
                usage: om [<selector>] mon [--sections <s>[,<s>]] [--watch] [--format json|flat_json]

                Print the cluster overview: daemon threads, nodes and the selected services with one marker
                cell per node. The daemon must be running.
                  --sections <s>  only these sections: threads, arbitrators, nodes, services
                  --watch         follow the daemon's changes: redraw after each (at most twice a second,
                                  at least every second) until interrupted (--stats: the same, without the
                                  resource usage columns for now)""");
    }

    public static Verb status() {
        return new SimpleVerb(DaemonVerbs::status, "the daemon dataset (rendered like om mon without --format)", """
                usage: om [<selector>] daemon status [--format json|flat_json]""");
    }

    public static Verb stop() {
        return new SimpleVerb(DaemonVerbs::stop, "stop the daemon (objects keep running)", """
                usage: om daemon stop

                Stop the local daemon. Objects are not stopped.""");
    }

    private static int stop(Request request, Session session) {
        session.services().requireDaemon().stop();
        session.out().println("daemon stopping");
        return 0;
    }

    private static int status(Request request, Session session) {
        DaemonControl daemon = session.services().requireDaemon();
        String format = request.option("--format");
        Json.isMachine(format);
        java.util.Set<String> sections = sections(request.option("--sections"));
        boolean watch = request.has("--watch") || request.has("--stats");
        if (!watch) {
            print(request, session, daemon.status(), format, sections);
            return 0;
        }
        watch(request, session, daemon, format, sections);
        return 0;
    }

    /** Redraws at most this often, however many events come. */
    static final Duration MIN_REDRAW = Duration.ofMillis(500);
    /** Redraws at least this often, for the clocks. */
    static final Duration MAX_REDRAW = Duration.ofSeconds(1);

    /**
     * Follows the daemon's event stream: a redraw after changes (at most twice a second), and at least every
     * second. Ends when the caller goes away (the invocation is cancelled or its output fails).
     */
    private static void watch(Request request, Session session, DaemonControl daemon, String format,
                              java.util.Set<String> sections) {
        Cancellation cancel = session.invocation().cancel();
        try (DaemonEvents.Subscription events = daemon.events().subscribe(1024)) {
            long lastDraw = Long.MIN_VALUE;
            boolean changed = true;
            while (!cancel.isCancelled() && !session.out().checkError()) {
                long now = System.nanoTime();
                long since = lastDraw == Long.MIN_VALUE ? Long.MAX_VALUE : now - lastDraw;
                if (since >= MAX_REDRAW.toNanos() || changed && since >= MIN_REDRAW.toNanos()) {
                    session.out().print("\u001b[H\u001b[2J");
                    print(request, session, daemon.status(), format, sections);
                    session.out().flush();
                    lastDraw = System.nanoTime();
                    changed = false;
                    continue;
                }
                long wait = (changed ? MIN_REDRAW : MAX_REDRAW).toNanos() - since;
                if (events.poll(Duration.ofNanos(Math.max(1, wait))) != null) {
                    changed = true;
                }
            }
        }
    }

    private static java.util.Set<String> sections(String option) {
        if (option == null) {
            return java.util.Set.copyOf(MonRender.SECTIONS);
        }
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String s : option.split(",")) {
            if (!MonRender.SECTIONS.contains(s.trim())) {
                throw new om.shell.internal.UsageException("invalid --sections '" + s + "' (threads, arbitrators, "
                        + "nodes, services)");
            }
            out.add(s.trim());
        }
        return out;
    }

    /** The daemon's current snapshot limited to the selection, rendered; nothing is evaluated here. */
    private static void print(Request request, Session session, DaemonStatus all, String format,
                              java.util.Set<String> sections) {
        DaemonStatus data = all;
        String selector = request.selector();
        if (selector != null && !selector.equals("**")) {
            Set<String> keep = new HashSet<>();
            for (ObjectPath p : session.services().select(selector)) {
                keep.add(p.canonical());
            }
            data = all.select(keep::contains);
        }
        List<?> sinks = session.services().currentLogHealth().<List<?>>map(h -> h.health()).orElse(List.of());
        DaemonRender.print(data, sinks, format, sections, session.out());
    }
}
