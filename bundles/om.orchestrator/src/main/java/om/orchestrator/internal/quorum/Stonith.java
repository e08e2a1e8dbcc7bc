package om.orchestrator.internal.quorum;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import om.api.node.NodeSettings;
import om.api.status.Level;

/**
 * Fencing of a dead peer (orchestration.md section 7, "Stonith"): runs the {@code command} of
 * {@code [stonith#<node>]} of the node configuration through {@code /bin/sh -c}, bounded by {@link #TIMEOUT},
 * with its output logged. A failure (no command configured, an exit other than 0, the timeout) is logged and
 * returned, never thrown: the start that follows proceeds anyway. The orchestrator calls it for
 * {@link om.orchestrator.api.Decision.Fence}, once per death; this class keeps no memory of its own.
 */
public final class Stonith {
    /** A fencing command that does not end within this is killed and counts as failed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final NodeSettings settings;
    private final Log log;
    private final Duration timeout;

    public Stonith(NodeSettings settings, Log log) {
        this(settings, log, TIMEOUT);
    }

    Stonith(NodeSettings settings, Log log, Duration timeout) {
        this.settings = settings;
        this.log = log;
        this.timeout = timeout;
    }

    /**
     * Runs the fencing command of {@code node}.
     *
     * @return true when the command exited 0 within the timeout
     */
    public boolean fence(String node) {
        String section = "stonith#" + node;
        Optional<String> command;
        try {
            command = settings.current().get(section, "command").map(String::strip).filter(s -> !s.isEmpty());
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "stonith " + node + ": cannot read the node configuration: " + e.getMessage());
            return false;
        }
        if (command.isEmpty()) {
            log.log(Level.ERROR, "stonith " + node + ": no command in [" + section + "]");
            return false;
        }
        log.log(Level.INFO, "stonith " + node + ": " + command.get());
        Shell.Result r = Shell.run(command.get(), timeout, Map.of("OM_STONITH_NODE", node));
        if (!r.output().isEmpty()) {
            for (String line : r.output().split("\n")) {
                log.log(r.ok() ? Level.INFO : Level.WARN, "stonith " + node + ": | " + line);
            }
        }
        if (r.timedOut()) {
            log.log(Level.ERROR, "stonith " + node + ": failed: timeout after " + (timeout.toMillis() % 1000 == 0
                    ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms"));
            return false;
        }
        if (r.exit() != 0) {
            log.log(Level.ERROR, "stonith " + node + ": failed: exit " + r.exit());
            return false;
        }
        log.log(Level.INFO, "stonith " + node + ": done");
        return true;
    }
}
