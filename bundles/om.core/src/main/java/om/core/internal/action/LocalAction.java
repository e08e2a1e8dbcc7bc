package om.core.internal.action;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The local actions the engine runs, and how each one walks the resources. */
enum LocalAction {
    START("start", "start", true, true),
    STOP("stop", "stop", true, false),
    PROVISION("provision", "start", true, true),
    UNPROVISION("unprovision", "stop", true, false),
    /** Tasks; no lock (orchestration.md section 10): tasks limit themselves with max_parallel. */
    RUN("run", "run", false, true),
    // OpenSVC's internal action names; the operator types "sync all|nodes|drp" (heartbeats-and-daemon.md 8)
    SYNC_ALL("sync_all", "sync", true, false),
    SYNC_NODES("sync_nodes", "sync", true, false),
    SYNC_DRP("sync_drp", "sync", true, false);

    /** The peer sets of a sync driver, as {@link om.api.driver.ResourceDriver#sync} takes them. */
    static final String NODES = "nodes";
    static final String DRPNODES = "drpnodes";

    private final String word;
    private final String requires;
    private final boolean locked;
    private final boolean bringsUp;

    LocalAction(String word, String requires, boolean locked, boolean bringsUp) {
        this.word = word;
        this.requires = requires;
        this.locked = locked;
        this.bringsUp = bringsUp;
    }

    static Optional<LocalAction> of(String word) {
        return Arrays.stream(values()).filter(a -> a.word.equals(word)).findFirst();
    }

    String word() {
        return word;
    }

    /** How the brackets and log lines name the action: the command's words ({@code sync nodes}). */
    String logWord() {
        return word.replace('_', ' ');
    }

    /** The {@code <a>_requires} keyword family checked before acting on a resource; also the trigger family. */
    String requires() {
        return requires;
    }

    boolean locked() {
        return locked;
    }

    boolean isSync() {
        return this == SYNC_ALL || this == SYNC_NODES || this == SYNC_DRP;
    }

    /** The peer sets a sync action copies to. */
    Set<String> syncTargets() {
        return switch (this) {
            case SYNC_ALL -> Set.of(NODES, DRPNODES);
            case SYNC_NODES -> Set.of(NODES);
            case SYNC_DRP -> Set.of(DRPNODES);
            default -> Set.of();
        };
    }

    /**
     * The lock file in the object's var dir: a sync has its own, so a long copy never blocks a start or stop
     * while two syncs of one object still serialize (orchestration.md section 10).
     */
    String lockFile() {
        return isSync() ? ObjectLocks.ACTION_LOCK_FILE + ".sync" : ObjectLocks.ACTION_LOCK_FILE;
    }

    /** Starts or runs things: keywords are validated first, and a failed start or provision rolls back. */
    boolean bringsUp() {
        return bringsUp;
    }

    /** Walks the resources in stop order (the reverse of start order). */
    boolean stopOrder() {
        return this == STOP || this == UNPROVISION;
    }

    /** A failed resource does not end the action: every task runs, every sync copies; the action fails if any did. */
    boolean continuesOnError() {
        return this == RUN || isSync();
    }

    /** A failure stops what the action started. */
    boolean rollsBack() {
        return this == START || this == PROVISION;
    }
}
