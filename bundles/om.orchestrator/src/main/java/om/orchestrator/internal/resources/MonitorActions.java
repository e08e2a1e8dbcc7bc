package om.orchestrator.internal.resources;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import om.api.ObjectPath;
import om.api.OmException;
import om.api.action.ActionBracket;
import om.api.action.ActionEngine;
import om.api.action.ActionLog;
import om.api.action.ActionOptions;
import om.api.action.ActionRequest;
import om.api.action.ActionResult;
import om.api.cluster.ClusterView;
import om.api.config.ObjectConfig;
import om.api.config.Values;
import om.api.orchestration.Orchestration;
import om.api.status.InstanceFlags;
import om.api.status.Level;

/**
 * Runs a monitor action (orchestration.md section 8): local expect {@code evicted}, {@code pre_monitor_action}
 * (60 s limit, a failure logged), then the words of {@code monitor_action} in turn until one succeeds.
 * Blocking: run on a thread of its own.
 */
final class MonitorActions {
    static final Duration PRE_LIMIT = Duration.ofSeconds(60);
    static final Duration HOOK_LIMIT = Duration.ofSeconds(60);

    interface Log {
        void log(String path, Level level, String message);
    }

    private final ActionEngine engine;
    private final InstanceFlags flags;
    private final Orchestration orchestration;
    private final ClusterView view;
    private final String self;
    private final MonitorHooks hooks;
    private final Log log;
    private final Supplier<ActionLog> actionLog;

    MonitorActions(ActionEngine engine, InstanceFlags flags, Orchestration orchestration, ClusterView view,
                   String self, MonitorHooks hooks, Log log, Supplier<ActionLog> actionLog) {
        this.engine = engine;
        this.flags = flags;
        this.orchestration = orchestration;
        this.view = view;
        this.self = self;
        this.hooks = hooks;
        this.log = log;
        this.actionLog = actionLog;
    }

    /** @return the word that succeeded, empty when none did */
    Optional<String> run(ObjectPath p, ObjectConfig cfg, Verdict.MonitorAction action) {
        String path = p.canonical();
        flags.setLocalExpect(p, InstanceFlags.LocalExpect.EVICTED);
        action.pre().ifPresent(cmd -> {
            String failure = command(cmd, PRE_LIMIT);
            if (failure != null) {
                log.log(path, Level.WARN, "pre_monitor_action " + failure);
            } else {
                log.log(path, Level.INFO, "pre_monitor_action done");
            }
        });
        for (String word : action.actions()) {
            if (attempt(p, cfg, word)) {
                return Optional.of(word);
            }
        }
        log.log(path, Level.ERROR, "monitor action " + String.join(" ", action.actions()) + ": every action failed");
        return Optional.empty();
    }

    private boolean attempt(ObjectPath p, ObjectConfig cfg, String word) {
        String path = p.canonical();
        switch (word) {
            case "none":
                log.log(path, Level.INFO, "monitor action none: nothing done");
                return true;
            case "freezestop":
                return freezestop(p);
            case "switch":
                return switchAway(p, cfg);
            case "crash":
            case "reboot":
                return host(path, word, word.equals("crash") ? hooks.crash_command() : hooks.reboot_command());
            default:
                log.log(path, Level.ERROR, "monitor action " + word + ": unknown action");
                return false;
        }
    }

    private boolean freezestop(ObjectPath p) {
        String path = p.canonical();
        if (flags.freeze(p)) {
            log.log(path, Level.INFO, "monitor action freezestop: instance frozen");
        }
        ActionRequest stop = new ActionRequest(p, "stop", ActionOptions.defaults(), ActionBracket.Origin.DAEMON,
                List.of(), actionLog.get(), null, null);
        try {
            ActionResult r = engine.submit(stop).get();
            if (r.ok()) {
                log.log(path, Level.INFO, "monitor action freezestop: instance stopped");
                return true;
            }
            log.log(path, Level.ERROR, "monitor action freezestop: stop failed: " + r.error());
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            log.log(path, Level.ERROR, "monitor action freezestop: stop failed: " + c.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.log(path, Level.ERROR, "monitor action freezestop: stop failed: " + e.getMessage());
        }
        return false;
    }

    /** Asks the orchestrator to switch to the next node; with none able to take it, freezestop instead. */
    private boolean switchAway(ObjectPath p, ObjectConfig cfg) {
        String path = p.canonical();
        List<String> nodes = cfg.getList("DEFAULT", "nodes");
        Optional<String> to = SwitchTarget.next(nodes, self, view.current());
        if (to.isPresent()) {
            try {
                orchestration.request(p, "switch", List.of(to.get()));
                log.log(path, Level.INFO, "monitor action switch: to " + to.get());
                return true;
            } catch (OmException e) {
                log.log(path, Level.ERROR, "monitor action switch: " + e.getMessage() + ": freezestop instead");
            }
        } else {
            log.log(path, Level.WARN, "monitor action switch: no other live node of nodes to switch to: "
                    + "freezestop instead");
        }
        return freezestop(p);
    }

    private boolean host(String path, String word, String command) {
        if (command == null || command.isBlank()) {
            log.log(path, Level.ERROR, "monitor action " + word + ": no " + word
                    + ".command configured (pid om.orchestrator.monitor)");
            return false;
        }
        log.log(path, Level.WARN, "monitor action " + word + ": " + command);
        String failure = command(command, HOOK_LIMIT);
        if (failure != null) {
            log.log(path, Level.ERROR, "monitor action " + word + " " + failure);
            return false;
        }
        return true;
    }

    /** Runs a command without a shell; null when it exited 0, else why not (one line). */
    static String command(String command, Duration limit) {
        List<String> argv = Values.splitCommand(command);
        if (argv.isEmpty()) {
            return "failed: empty command";
        }
        try {
            Process proc = new ProcessBuilder(argv).redirectErrorStream(true).start();
            proc.getOutputStream().close();
            Thread drain = new Thread(() -> discard(proc.getInputStream()), "resmon-cmd");
            drain.setDaemon(true);
            drain.start();
            if (!proc.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                proc.descendants().forEach(ProcessHandle::destroyForcibly);
                proc.destroyForcibly();
                return "failed: timeout after " + Values.formatDuration(limit);
            }
            int rc = proc.exitValue();
            return rc == 0 ? null : "failed: exit code " + rc;
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "failed: interrupted";
        }
    }

    private static void discard(InputStream in) {
        try (in) {
            byte[] buf = new byte[4096];
            while (in.read(buf) >= 0) {
                // the output is not kept: the exit code is the answer
            }
        } catch (IOException e) {
            // the process went away
        }
    }

}
