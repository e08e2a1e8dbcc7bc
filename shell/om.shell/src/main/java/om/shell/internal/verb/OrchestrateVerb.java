package om.shell.internal.verb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.cli.DaemonControl;
import om.api.cli.OptionSpec;
import om.api.cli.VerbRequest;
import om.api.daemon.DaemonEvent;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.daemon.InstanceMonitor;
import om.api.daemon.NodeData;
import om.api.orchestration.Accepted;
import om.api.orchestration.Orchestration;
import om.shell.internal.Session;
import om.shell.internal.Verb;

/**
 * The orchestrated verbs (orchestration.md section 3): {@code start} and {@code stop} without {@code --local}
 * (through {@link ActionVerb}), {@code switch}, {@code takeover}, {@code giveback}, {@code freeze}, {@code thaw}
 * ({@code unfreeze}), {@code abort} and {@code clear}. Each object of the selection gets one request to the local
 * daemon's orchestrator; {@code --wait} follows the daemon's events (and its dataset, in case an event was lost)
 * until each accepted target ends, an instance fails a step, or {@code --time} runs out.
 */
public final class OrchestrateVerb implements Verb {
    /** The default bound of {@code --wait}. */
    static final Duration DEFAULT_TIME = Duration.ofMinutes(5);
    /** How long a failure older than the request may stay before the wait reports it. */
    private static final Duration OLD_FAILURE = Duration.ofSeconds(2);
    /** How long, at most, a wait that ended here waits for the other nodes to show the end too. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** How often the dataset is looked at besides the events. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final String verb;

    public OrchestrateVerb(String verb) {
        this.verb = verb;
    }

    public static List<Verb> all() {
        return List.of(new OrchestrateVerb("switch"), new OrchestrateVerb("takeover"),
                new OrchestrateVerb("giveback"), new OrchestrateVerb("freeze"), new OrchestrateVerb("thaw"),
                new OrchestrateVerb("unfreeze"), new OrchestrateVerb("abort"), new OrchestrateVerb("clear"));
    }

    @Override
    public int run(VerbRequest request, Session session) {
        return orchestrate(verb, request, session);
    }

    /** One request per selected object, then the wait (or the watch) when asked. */
    static int orchestrate(String verb, VerbRequest request, Session session) {
        Orchestration orchestration = session.services().requireOrchestration();
        DaemonControl daemon = session.services().requireDaemon();
        List<String> destination = List.of();
        if (verb.equals("switch")) {
            destination = request.list("--node");
            if (destination.isEmpty()) {
                throw new OmException("switch needs --node <nodename>");
            }
        }
        List<ObjectPath> paths = ConfigVerbs.selectForAction(request, session, verb);
        boolean wait = request.has("--wait") || request.option("--time") != null;
        boolean watch = request.has("--watch");
        Duration time = request.duration("--time").orElse(DEFAULT_TIME);
        int rc = 0;
        Map<String, Accepted> pending = new LinkedHashMap<>();
        // subscribed before the requests: an end that comes at once is not missed
        try (DaemonEvents.Subscription events = wait ? daemon.events().subscribe(4096) : null) {
            for (ObjectPath p : paths) {
                try {
                    if (verb.equals("clear")) {
                        orchestration.clear(p);
                        continue;
                    }
                    Accepted a = orchestration.request(p, verb, destination);
                    if (!a.nothing()) {
                        pending.put(p.canonical(), a);
                    }
                } catch (OmException e) {
                    boolean named = e.getMessage().startsWith(p.canonical() + ":");
                    session.error((paths.size() > 1 && !named ? p.canonical() + ": " : "") + e.getMessage());
                    rc = 1;
                }
            }
            if (!wait || pending.isEmpty()) {
                if (watch) {
                    DaemonVerbs.watchUntil(request, session, daemon, () -> false);
                }
                return rc;
            }
            if (!watch) {
                return Math.max(rc, new Waiter(session, daemon, events, pending, time, request.option("--time"))
                        .await());
            }
            AtomicReference<Integer> result = new AtomicReference<>();
            // the wait's errors are printed when the display ends, after the last redraw
            java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
            Thread waiter = new Thread(() -> result.set(new Waiter(session, daemon, events, pending, time,
                    request.option("--time"), new java.io.PrintStream(errors, true)).await()), "om-wait");
            waiter.setDaemon(true);
            waiter.start();
            DaemonVerbs.watchUntil(request, session, daemon, () -> result.get() != null);
            try {
                waiter.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            session.err().print(errors.toString());
            Integer r = result.get();
            return Math.max(rc, r == null ? 1 : r);
        }
    }

    /** Follows the accepted targets until each ended, one failed, or the time ran out. */
    private static final class Waiter {
        private final Session session;
        private final DaemonControl daemon;
        private final DaemonEvents.Subscription events;
        private final Map<String, Accepted> pending;
        private final Duration time;
        private final String timeWord;
        private final java.io.PrintStream err;
        /** The objects whose target ended here, with until when the other nodes are waited for. */
        private final Map<String, Long> settling = new java.util.HashMap<>();

        Waiter(Session session, DaemonControl daemon, DaemonEvents.Subscription events, Map<String, Accepted> pending,
               Duration time, String timeWord) {
            this(session, daemon, events, pending, time, timeWord, null);
        }

        Waiter(Session session, DaemonControl daemon, DaemonEvents.Subscription events, Map<String, Accepted> pending,
               Duration time, String timeWord, java.io.PrintStream err) {
            this.session = session;
            this.daemon = daemon;
            this.events = events;
            this.pending = new LinkedHashMap<>(pending);
            this.time = time;
            this.timeWord = timeWord == null ? "5m" : timeWord;
            this.err = err;
        }

        int await() {
            long deadline = System.nanoTime() + time.toNanos();
            int rc = 0;
            String node = session.node();
            while (!pending.isEmpty()) {
                // a failure already there when the target was set blocks it: said at once
                rc = Math.max(rc, check(daemon.status(), node));
                if (pending.isEmpty()) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    boolean late = false;
                    for (Map.Entry<String, Accepted> e : pending.entrySet()) {
                        if (!settling.containsKey(e.getKey())) {
                            error(e.getKey() + ": timeout after " + timeWord + " waiting for "
                                    + e.getValue().globalExpect());
                            late = true;
                        }
                    }
                    return late ? 1 : rc;
                }
                if (session.invocation().cancel().isCancelled()) {
                    return 1;
                }
                DaemonEvent ev = events.poll(Duration.ofNanos(Math.min(left, POLL.toNanos())));
                while (ev != null) {
                    rc = Math.max(rc, event(ev, node));
                    ev = events.poll(Duration.ZERO);
                }
            }
            return rc;
        }

        /** An end of ours on this node, or a failed step on any. */
        private int event(DaemonEvent ev, String node) {
            Accepted a = ev.path() == null ? null : pending.get(ev.path());
            if (a == null) {
                return 0;
            }
            if (ev instanceof DaemonEvent.OrchestrationEnd end && node.equals(end.node())
                    && (a.orchestrationId() == null || a.orchestrationId().equals(end.data().orchestrationId()))) {
                String result = end.data().result();
                if (DaemonEvent.OrchestrationEnd.Outcome.DONE.equals(result)
                        || DaemonEvent.OrchestrationEnd.Outcome.ABORTED.equals(result)
                        && a.globalExpect().equals("aborted")) {
                    settle(ev.path());
                    return 0;
                }
                pending.remove(ev.path());
                if (DaemonEvent.OrchestrationEnd.Outcome.ABORTED.equals(result)) {
                    error(ev.path() + ": aborted");
                    return 1;
                }
                // failed: the failed state names itself (below, from the dataset) unless it is gone already
                // (the end event may come before the snapshot showing the state: a second at most for it)
                InstanceMonitor m = monitorOf(daemon.status(), node, ev.path());
                for (int i = 0; i < 10 && (m == null || !m.state().endsWith(" failed")); i++) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    m = monitorOf(daemon.status(), node, ev.path());
                }
                error(ev.path() + ": " + (m != null && m.state().endsWith(" failed") ? m.state() : "failed")
                        + " on " + node);
                return 1;
            }
            if (ev instanceof DaemonEvent.InstanceMonitorUpdated mu && failedSince(mu.data(), a.at())) {
                pending.remove(ev.path());
                error(ev.path() + ": " + mu.data().state() + " on " + mu.node());
                return 1;
            }
            return 0;
        }

        /**
         * Ended here: the wait goes on until every other idle node shows it ended too (or a newer target), at most
         * {@link #SETTLE}, so that the next verb, asked on any node, finds no target pending.
         */
        private void settle(String path) {
            settling.putIfAbsent(path, System.nanoTime() + SETTLE.toNanos());
        }

        /** The dataset: a target of ours ended on this node (none with our time), or a failure shows. */
        private int check(DaemonStatus status, String node) {
            int rc = 0;
            for (String path : new ArrayList<>(pending.keySet())) {
                Accepted a = pending.get(path);
                Long until = settling.get(path);
                if (until != null) {
                    if (endedEverywhere(status, path, a) || System.nanoTime() - until > 0) {
                        pending.remove(path);
                    }
                    continue;
                }
                for (Map.Entry<String, NodeData> e : status.nodes().entrySet()) {
                    InstanceMonitor m = e.getValue().monitors().get(path);
                    // a failure from before the request blocks it, unless a clear (just asked) resets it: said when
                    // it is still there once the clear had the time to reach every node
                    boolean blocking = m != null && (failedSince(m, a.at())
                            || m.state().endsWith(" failed") && Instant.now().isAfter(a.at().plus(OLD_FAILURE)));
                    if (blocking && !a.globalExpect().equals("aborted")) {
                        pending.remove(path);
                        error(path + ": " + m.state() + " on " + e.getKey());
                        rc = 1;
                        break;
                    }
                }
                if (!pending.containsKey(path)) {
                    continue;
                }
                InstanceMonitor mine = monitorOf(status, node, path);
                if (mine != null && "none".equals(mine.globalExpect()) && a.at().equals(mine.globalExpectUpdatedAt())) {
                    settle(path);
                }
            }
            return rc;
        }

        private static boolean endedEverywhere(DaemonStatus status, String path, Accepted a) {
            for (NodeData d : status.nodes().values()) {
                InstanceMonitor m = d.monitors().get(path);
                if (m == null || !d.monitor().idle()) {
                    continue;
                }
                Instant at = m.globalExpectUpdatedAt();
                boolean ended = at != null && ("none".equals(m.globalExpect()) ? !at.isBefore(a.at()) : at.isAfter(a.at()));
                if (!ended) {
                    return false;
                }
            }
            return true;
        }

        private static boolean failedSince(InstanceMonitor m, Instant at) {
            return m != null && m.state().endsWith(" failed")
                    && (m.stateUpdatedAt() == null || !m.stateUpdatedAt().isBefore(at));
        }

        private static InstanceMonitor monitorOf(DaemonStatus status, String node, String path) {
            NodeData d = status.nodes().get(node);
            return d == null ? null : d.monitors().get(path);
        }

        private void error(String line) {
            if (err != null) {
                err.println(Session.errorLine(line));
            } else {
                session.error(line);
            }
        }
    }

    @Override
    public List<String> words() {
        return List.of(verb);
    }

    @Override
    public String summary() {
        return switch (verb) {
            case "switch" -> "stop the object on the other nodes, then start it on --node (thaws every instance)";
            case "takeover" -> "stop the object on the other nodes, then start it here (thaws every instance)";
            case "giveback" -> "thaw the nodes and instances, stop non-leaders, start the leaders";
            case "freeze" -> "freeze every instance: the orchestrator leaves them alone";
            case "thaw", "unfreeze" -> "thaw every instance";
            case "abort" -> "drop the object's target: a running action finishes, nothing more starts";
            case "clear" -> "reset the failed monitor states and restart counters on every instance";
            default -> verb + " the selected objects";
        };
    }

    @Override
    public List<OptionSpec> options() {
        return options(verb);
    }

    /** The options of an orchestrated verb ({@code start} and {@code stop} add theirs to {@link ActionVerb}'s). */
    static List<OptionSpec> options(String verb) {
        List<OptionSpec> o = new ArrayList<>();
        if (verb.equals("switch")) {
            o.add(OptionSpec.list("--node", "<nodename>", "the node to start the object on"));
        }
        if (!verb.equals("clear")) {
            o.add(OptionSpec.flag("--wait", "wait until the target is reached; exit 1 when an instance fails a step"));
            o.add(OptionSpec.duration("--time", "wait at most <duration> (implies --wait; default 5m)"));
            o.add(OptionSpec.flag("--watch", "show om mon --watch after the request (until the wait ends)"));
        }
        o.add(CommonOptions.COLOR);
        return o;
    }

    @Override
    public String description() {
        return "The request goes to the local daemon, which must be running; the target travels to the other\n"
                + "nodes in the node data. By default the command returns when the daemon acknowledged it.";
    }
}
