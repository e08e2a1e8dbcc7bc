package om.api.action;

import java.time.Duration;
import java.util.List;

/**
 * Options of a local action.
 *
 * @param rids     {@code --rid} items (rids, rid globs or driver groups), empty for all
 * @param tags     {@code --tags} expression, null for all
 * @param subsets  {@code --subsets}, empty for all
 * @param waitlock {@code --waitlock}, null for the object's lock_timeout
 */
public record ActionOptions(boolean force, boolean dryRun, boolean disableRollback, List<String> rids, String tags,
                            List<String> subsets, Duration waitlock) {
    public ActionOptions {
        rids = List.copyOf(rids);
        subsets = List.copyOf(subsets);
    }

    public static ActionOptions defaults() {
        return new ActionOptions(false, false, false, List.of(), null, List.of(), null);
    }

    public boolean filtered() {
        return !rids.isEmpty() || tags != null || !subsets.isEmpty();
    }
}
