package om.orchestrator.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * An object's target (orchestration.md section 2), as one instance monitor holds it. A verb sets it on the node
 * it was asked on with {@code updatedAt} = now; every other node adopts the most recently updated one it sees in
 * the replicated data, so the last accepted target wins everywhere. When the target is reached (or aborted) each
 * node sets its own back to {@code none} keeping {@code updatedAt}: a {@code none} is never newer than the target
 * it ends, so no node adopts it from another before seeing the end itself. Each node ends it on its own view, so
 * a node that ended it takes it up again while another live node still holds it and it is not reached on this
 * node's view any more (a better leader came back, say): every accepted target is reached, or blocked.
 *
 * @param value       {@code none}, {@code started}, {@code stopped}, {@code frozen}, {@code unfrozen},
 *                    {@code placed}, {@code placed@}, {@code aborted}
 * @param destination the nodes of {@code placed@} (switch, takeover), empty otherwise
 * @param updatedAt   when the target was set by a verb, null when never
 */
public record GlobalExpect(String value, List<String> destination, Instant updatedAt) {
    public static final String NONE = "none";
    public static final String STARTED = "started";
    public static final String STOPPED = "stopped";
    public static final String FROZEN = "frozen";
    public static final String UNFROZEN = "unfrozen";
    public static final String PLACED = "placed";
    public static final String PLACED_AT = "placed@";
    public static final String ABORTED = "aborted";
    private static final List<String> VALUES = List.of(NONE, STARTED, STOPPED, FROZEN, UNFROZEN, PLACED, PLACED_AT,
            ABORTED);

    public GlobalExpect {
        value = value == null ? NONE : value;
        if (!VALUES.contains(value)) {
            throw new IllegalArgumentException("not a global expect: '" + value + "'");
        }
        destination = destination == null ? List.of() : List.copyOf(destination);
    }

    public static final GlobalExpect UNSET = new GlobalExpect(NONE, List.of(), null);

    /**
     * {@code placed@n2,n3} gives {@code placed@} with destination {@code [n2, n3]}; {@code thawed} is read as
     * {@code unfrozen} (the verb is {@code thaw}).
     */
    public static GlobalExpect parse(String word, Instant updatedAt) {
        if (word.startsWith(PLACED_AT)) {
            String rest = word.substring(PLACED_AT.length());
            List<String> dest = rest.isEmpty() ? List.of() : Arrays.asList(rest.split(","));
            return new GlobalExpect(PLACED_AT, dest, updatedAt);
        }
        return new GlobalExpect("thawed".equals(word) ? UNFROZEN : word, List.of(), updatedAt);
    }

    public boolean none() {
        return NONE.equals(value);
    }

    /** The same target ended: {@code none}, keeping the time it was set. */
    public GlobalExpect ended() {
        return new GlobalExpect(NONE, List.of(), updatedAt);
    }

    /** Whether this one was set after {@code other} (a target never set is older than any). */
    public boolean newerThan(GlobalExpect other) {
        return updatedAt != null && (other.updatedAt == null || updatedAt.isAfter(other.updatedAt));
    }

    /** {@code placed@n2} with the destination, the value otherwise. */
    public String word() {
        return PLACED_AT.equals(value) ? value + String.join(",", destination) : value;
    }
}
