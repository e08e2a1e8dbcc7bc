package om.shell.internal.verb;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import om.api.Cancellation;
import om.api.ObjectPath;
import om.api.cli.DaemonControl;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStats;
import om.api.daemon.DaemonStatsSource;
import om.api.daemon.DaemonStatus;
import java.util.Map;
import om.shell.internal.UsageException;
import om.shell.internal.render.StatsColumns;
import om.shell.internal.Session;
import om.shell.internal.Verb;
import om.shell.internal.render.DaemonRender;
import om.shell.internal.render.Json;
import om.shell.internal.render.MonRender;

/** Verbs that need the daemon: mon, daemon status, daemon stop. */
public final class DaemonVerbs {
    private DaemonVerbs() {
    }


    private static final OptionSpec SECTIONS = OptionSpec.listOf("--sections", MonRender.SECTIONS,
            "only these sections");

    public static Verb mon() {
        return SimpleVerb.of("mon", "cluster overview from the daemon (threads, nodes, services)", SelectorUse.OPTIONAL,
                List.of(SECTIONS,
                        OptionSpec.flag("--watch", "follow the daemon's changes: redraw after each (at most twice a "
                                + "second, at least every second) until interrupted (Ctrl-C exits 0)"),
                        OptionSpec.flag("--stats", "--watch with the since, tasks, usage, time and mem columns of "
                                + "every node's figures, sampled every --interval"),
                        OptionSpec.integer("--interval", "<seconds>", "--stats: seconds between samples (default 3)"),
                        CommonOptions.FORMAT, CommonOptions.COLOR), """
                Print the cluster overview: daemon threads, nodes and the selected services with one marker
                cell per node. The daemon must be running.""", DaemonVerbs::status);
    }

    public static Verb status() {
        return SimpleVerb.of("daemon status", "the daemon dataset (rendered like om mon without --format)",
                SelectorUse.OPTIONAL, List.of(SECTIONS, CommonOptions.FORMAT, CommonOptions.COLOR), """
                Print the daemon's dataset; a selector keeps only the selected objects. The daemon must be
                running.""", DaemonVerbs::status);
    }

    public static Verb stop() {
        return SimpleVerb.of("daemon stop", "stop the daemon (objects keep running)", SelectorUse.NONE, List.of(),
                "Stop the local daemon. Objects are not stopped.", DaemonVerbs::stop);
    }

    private static int stop(VerbRequest request, Session session) {
        session.services().requireDaemon().stop();
        session.out().println("daemon stopping");
        return 0;
    }

    private static int status(VerbRequest request, Session session) {
        DaemonControl daemon = session.services().requireDaemon();
        String format = request.option("--format");
        Json.isMachine(format);
        Set<String> sections = sections(request.option("--sections"));
        boolean stats = request.has("--stats");
        Duration interval = interval(request.option("--interval"));
        boolean watch = request.has("--watch") || stats;
        if (!watch) {
            print(request, session, daemon.status(), format, sections, null);
            return 0;
        }
        watch(request, session, daemon, format, sections, stats ? new Sampler(session, interval) : null);
        return 0;
    }

    private static Duration interval(String option) {
        if (option == null) {
            return DEFAULT_INTERVAL;
        }
        long s;
        try {
            s = Long.parseLong(option);
        } catch (NumberFormatException e) {
            throw new UsageException("--interval: '" + option + "' is not a number of seconds");
        }
        if (s < 1 || s > 3600) {
            throw new UsageException("--interval: " + s + " is not between 1 and 3600 seconds");
        }
        return Duration.ofSeconds(s);
    }

    /** Redraws at most this often, however many events come (status.md section 7: twice a second). */
    static final Duration MIN_REDRAW = Duration.ofMillis(500);
    /** Redraws at least this often, for the clocks. */
    static final Duration MAX_REDRAW = Duration.ofSeconds(1);
    /** {@code --stats} samples the figures this often unless {@code --interval} says otherwise. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(3);
    /** How long a sample waits for the peers' figures. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(2);

    /**
     * The {@code --stats} figures of every node, sampled every interval: the last two samples make the CPU usage.
     * Without the daemon's stats source (an older daemon) every figure is {@code -}.
     */
    private static final class Sampler {
        private final Session session;
        private final Duration interval;
        private Map<String, DaemonStats> now = Map.of();
        private Map<String, DaemonStats> previous;
        private long sampledAt = Long.MIN_VALUE;

        Sampler(Session session, Duration interval) {
            this.session = session;
            this.interval = interval;
        }

        /** Samples when the interval passed; true when it did. */
        boolean sampleIfDue() {
            long t = System.nanoTime();
            if (sampledAt != Long.MIN_VALUE && t - sampledAt < interval.toNanos()) {
                return false;
            }
            DaemonStatsSource source = session.services().stats().get();
            Map<String, DaemonStats> next = source == null ? Map.of()
                    : source.cluster(PEER_TIMEOUT.compareTo(interval) < 0 ? PEER_TIMEOUT : interval);
            previous = sampledAt == Long.MIN_VALUE ? null : now;
            now = next;
            sampledAt = System.nanoTime();
            return true;
        }

        MonRender.MonStats columns(DaemonStatus data) {
            return new StatsColumns(data, session.node(), now, previous, java.time.Instant.now());
        }
    }

    /**
     * Follows the daemon's event stream: a redraw after changes (at most twice a second) and at least every second,
     * until the caller interrupts (Ctrl-C cancels the invocation: exit 0) or goes away (the stream errors). With
     * {@code --stats}, the figures are sampled every interval and a new sample is a change.
     */
    private static void watch(VerbRequest request, Session session, DaemonControl daemon, String format,
                              Set<String> sections, Sampler sampler) {
        watch(request, session, daemon, format, sections, sampler, () -> false);
    }

    /** {@code om <selector> mon --watch} for the orchestrated verbs' {@code --watch}, until {@code done}. */
    static void watchUntil(VerbRequest request, Session session, DaemonControl daemon,
                           java.util.function.BooleanSupplier done) {
        watch(request, session, daemon, null, Set.copyOf(MonRender.SECTIONS), null, done);
    }

    private static void watch(VerbRequest request, Session session, DaemonControl daemon, String format,
                              Set<String> sections, Sampler sampler, java.util.function.BooleanSupplier done) {
        Cancellation cancel = session.invocation().cancel();
        try (DaemonEvents.Subscription events = daemon.events().subscribe(1024)) {
            long lastDraw = Long.MIN_VALUE;
            boolean changed = true;
            while (!cancel.isCancelled() && !session.out().checkError() && !done.getAsBoolean()) {
                if (sampler != null && sampler.sampleIfDue()) {
                    changed = true;
                }
                long since = lastDraw == Long.MIN_VALUE ? Long.MAX_VALUE : System.nanoTime() - lastDraw;
                if (since >= MAX_REDRAW.toNanos() || changed && since >= MIN_REDRAW.toNanos()) {
                    DaemonStatus data = daemon.status();
                    session.out().print("\u001b[H\u001b[2J");
                    print(request, session, data, format, sections, sampler == null ? null : sampler.columns(data));
                    session.out().flush();
                    lastDraw = System.nanoTime();
                    changed = false;
                    continue;
                }
                // short polls: a cancel is seen within 100 ms
                long wait = Math.min((changed ? MIN_REDRAW : MAX_REDRAW).toNanos() - since,
                        Duration.ofMillis(100).toNanos());
                if (events.poll(Duration.ofNanos(Math.max(1, wait))) != null) {
                    changed = true;
                }
            }
        }
    }

    private static Set<String> sections(String option) {
        if (option == null) {
            return Set.copyOf(MonRender.SECTIONS);
        }
        // the declaration checked the names
        Set<String> out = new HashSet<>();
        for (String s : option.split(",")) {
            out.add(s.trim());
        }
        return out;
    }

    /** The daemon's current snapshot limited to the selection, rendered: nothing is read or evaluated here. */
    private static void print(VerbRequest request, Session session, DaemonStatus all, String format,
                              Set<String> sections, MonRender.MonStats stats) {
        DaemonStatus data = all;
        String selector = request.selector();
        if (selector != null && !selector.equals("**")) {
            Set<String> keep = new HashSet<>();
            for (ObjectPath p : session.select(selector)) {
                keep.add(p.canonical());
            }
            data = all.select(keep::contains);
        }
        List<?> sinks = session.services().currentLogHealth().<List<?>>map(h -> h.health()).orElse(List.of());
        MonRender.View view = new MonRender.View(session.node(), sections, session.color(request), stats);
        DaemonRender.print(data, sinks, format, view, session.out());
    }
}
