package om.orchestrator.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The decisions of one evaluation, in the order to apply them, and when to evaluate again if nothing changes
 * before (the end of a {@code ready} period), null when only a change of the data can change the decisions.
 * Evaluating again with the same situation gives nothing new: every decision changes the data it was made from.
 */
public record Plan(List<Decision> decisions, Instant recheckAt) {
    public static final Plan NOTHING = new Plan(List.of(), null);

    public Plan {
        List<Decision> sorted = new ArrayList<>(decisions);
        sorted.sort(Comparator.comparingInt(Decision::order));
        decisions = List.copyOf(sorted);
    }

    public boolean empty() {
        return decisions.isEmpty() && recheckAt == null;
    }

    /** One line per decision, then {@code recheck <time>} when set: the golden-file form. */
    public List<String> lines() {
        List<String> out = new ArrayList<>(decisions.stream().map(Decision::line).toList());
        if (recheckAt != null) {
            out.add("recheck " + recheckAt);
        }
        return out;
    }
}
