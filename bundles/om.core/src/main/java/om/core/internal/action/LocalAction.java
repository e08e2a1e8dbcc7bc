package om.core.internal.action;

import java.util.Arrays;
import java.util.Optional;

/** The local actions the engine runs, and how each one walks the resources. */
enum LocalAction {
    START("start", "start", true, true),
    STOP("stop", "stop", true, false),
    PROVISION("provision", "start", true, true),
    UNPROVISION("unprovision", "stop", true, false),
    /** Tasks; no lock (orchestration.md section 10): tasks limit themselves with max_parallel. */
    RUN("run", "run", false, true);

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

    /** The {@code <a>_requires} keyword family checked before acting on a resource. */
    String requires() {
        return requires;
    }

    boolean locked() {
        return locked;
    }

    /** Starts or runs things: keywords are validated first, and a failed start or provision rolls back. */
    boolean bringsUp() {
        return bringsUp;
    }

    /** Walks the resources in stop order (the reverse of start order). */
    boolean stopOrder() {
        return this == STOP || this == UNPROVISION;
    }

    /** A failed resource does not end the action: every task runs, the action fails if any did. */
    boolean continuesOnError() {
        return this == RUN;
    }

    /** A failure stops what the action started. */
    boolean rollsBack() {
        return this == START || this == PROVISION;
    }
}
