package om.orchestrator.internal.quorum;

import om.api.status.Level;

/** Where the quorum watch and the stonith runner write their lines (the daemon's log multiplexer). */
@FunctionalInterface
public interface Log {
    void log(Level level, String message);
}
