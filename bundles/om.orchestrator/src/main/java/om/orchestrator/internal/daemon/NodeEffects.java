package om.orchestrator.internal.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import om.api.Installation;
import om.api.ObjectPath;
import om.api.action.ActionBracket;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.action.ActionRequest;
import om.api.action.LogEvent;
import om.api.node.NodeSettings;
import om.api.status.InstanceFlags;
import om.api.status.Level;
import om.api.status.StatusListener;
import om.orchestrator.api.Decision;
import om.orchestrator.internal.quorum.Stonith;

/**
 * What the orchestrator's decisions do on this node: flag writes (frozen, local expect, the node's frozen flag), the
 * stonith of dead peers, the daemon-run actions through the engine (with their {@link ActionMarks}), and the log
 * lines. Holds no orchestration state: {@link OrchestrationService} decides, this acts.
 */
final class NodeEffects {
    /** How a start or stop ended, and the time of the status the engine evaluated at its end. */
    record Outcome(boolean ok, Instant fresh) {
    }

    private final ActionEngine engine;
    private final InstanceFlags flags;
    private final NodeSettings settings;
    private final Installation installation;
    private final ActionMarks marks;
    private final Supplier<ActionLog> multiplexer;
    private final Supplier<List<StatusListener>> listeners;
    private final Clock clock;
    private final String self;

    NodeEffects(ActionEngine engine, InstanceFlags flags, NodeSettings settings, Installation installation,
                Supplier<ActionLog> multiplexer, Supplier<List<StatusListener>> listeners, Clock clock) {
        this.engine = engine;
        this.flags = flags;
        this.settings = settings;
        this.installation = installation;
        this.marks = new ActionMarks(installation);
        this.multiplexer = multiplexer;
        this.listeners = listeners;
        this.clock = clock;
        this.self = installation.nodename();
    }

    ActionMarks marks() {
        return marks;
    }

    void log(String path, Level level, String message) {
        ActionLog l = multiplexer.get();
        if (l != null) {
            l.log(new LogEvent(clock.instant(), level, self, path, null, null, message, null, null, false,
                    path == null ? "orchestrator" : null));
        }
    }

    void localExpect(String path, String word) {
        InstanceFlags.LocalExpect.fromWord(word).ifPresent(le -> {
            try {
                flags.setLocalExpect(ObjectPath.parse(path), le);
                flagsChanged(path);
            } catch (RuntimeException e) {
                log(path, Level.ERROR, "cannot set the local expect " + word + ": " + e.getMessage());
            }
        });
    }

    void thawNode(String path) {
        try {
            if (Files.deleteIfExists(installation.var().resolve("node").resolve("frozen"))) {
                log(path, Level.INFO, "thaw the node (giveback)");
            }
        } catch (IOException e) {
            log(path, Level.ERROR, "cannot thaw the node: " + e.getMessage());
        }
    }

    /** Runs the stonith command of each dead peer (bounded, a failure logged: the start goes on). */
    void fence(String path, List<String> nodes) {
        Stonith stonith = new Stonith(settings, (level, message) -> log(path, level, message));
        for (String n : nodes) {
            stonith.fence(n);
        }
    }

    /** Freeze or thaw the instance (a flag); the daemon's monitor is told to read it at once. */
    boolean freeze(String path, boolean freeze) {
        ObjectPath p = ObjectPath.parse(path);
        try {
            if (freeze) {
                flags.freeze(p);
            } else {
                flags.unfreeze(p);
            }
        } catch (RuntimeException e) {
            log(path, Level.ERROR, (freeze ? Decision.Run.FREEZE : Decision.Run.UNFREEZE) + " failed: "
                    + e.getMessage());
            return false;
        }
        flagsChanged(path);
        return true;
    }

    private void flagsChanged(String path) {
        ObjectPath p = ObjectPath.parse(path);
        for (StatusListener l : listeners.get()) {
            l.statusWritten(p);
        }
    }

    /**
     * A start or stop: marked as running, the dead peers fenced first when there are (off the caller's thread: a
     * stonith may take a minute), then handed to the engine ({@code origin daemon}). Never fails: a refusal of the
     * engine is a failed outcome.
     */
    CompletableFuture<Outcome> run(String path, String action, List<String> fences) {
        ObjectPath p = ObjectPath.parse(path);
        try {
            marks.begin(p, action, clock.instant());
        } catch (IOException e) {
            log(path, Level.WARN, "cannot mark the " + action + " as running: " + e.getMessage());
        }
        if (fences.isEmpty()) {
            return submit(path, p, action);
        }
        CompletableFuture<Outcome> out = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            fence(path, fences);
            submit(path, p, action).whenComplete((o, e) -> out.complete(o));
        }, "stonith");
        t.setDaemon(true);
        t.start();
        return out;
    }

    private CompletableFuture<Outcome> submit(String path, ObjectPath p, String action) {
        ActionRequest req = new ActionRequest(p, action, ActionOptions.defaults(), ActionBracket.Origin.DAEMON,
                List.of(), multiplexer.get(), null, null);
        try {
            return engine.submit(req).handle((res, err) -> {
                marks.end(p);
                if (err != null) {
                    Throwable c = err.getCause() != null ? err.getCause() : err;
                    log(path, Level.ERROR, action + " failed: " + c.getMessage());
                }
                // the status the engine evaluated at the end: decisions wait until the dataset shows it
                Instant fresh = res != null && res.status() != null && res.status().updatedAt() != null
                        ? res.status().updatedAt() : clock.instant();
                boolean ok = err == null && res != null && res.ok();
                if (ok && "stop".equals(action) && res.status() != null
                        && res.status().avail() == om.api.status.Status.UP) {
                    // every stop command succeeded yet the checks still say up: stopping again would loop
                    // (a stop that does not stop); the operator sees it and clears
                    log(path, Level.ERROR, "stop failed: the instance is still up after its stop");
                    ok = false;
                }
                return new Outcome(ok, fresh);
            });
        } catch (RuntimeException e) {
            marks.end(p);
            log(path, Level.ERROR, action + " failed: " + e.getMessage());
            return CompletableFuture.completedFuture(new Outcome(false, clock.instant()));
        }
    }
}
