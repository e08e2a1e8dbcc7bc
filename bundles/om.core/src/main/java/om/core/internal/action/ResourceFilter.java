package om.core.internal.action;

import java.util.Arrays;
import java.util.List;
import om.api.OmException;
import om.api.action.ActionOptions;
import om.api.driver.DriverRegistry;
import om.core.internal.config.Globs;
import om.core.internal.driver.ResourceSpec;

/**
 * The {@code --rid}, {@code --tags} and {@code --subsets} filters (orchestration.md section 9): each is a
 * union of its items, and the filters given intersect.
 */
final class ResourceFilter {
    static final String NO_MATCH = "no resource match the given --rid, --subsets and --tags specifiers";

    private ResourceFilter() {
    }

    /**
     * The resources of one kind an action acts on ({@code run}: tasks, a sync: sync resources): all of them in rid
     * order, or those the filters select; a filter selecting another resource is an error naming it.
     */
    static List<ResourceSpec> only(om.api.ObjectPath path, List<ResourceSpec> specs, ActionOptions options,
                                   java.util.function.Predicate<ResourceSpec> kind, String refusal) {
        List<ResourceSpec> selected = select(options.rids().isEmpty() ? specs.stream().filter(kind).toList() : specs,
                options);
        for (ResourceSpec s : selected) {
            if (!kind.test(s)) {
                throw new OmException(path.canonical() + ": " + s.rid() + " " + refusal);
            }
        }
        return selected;
    }

    /**
     * The resources the options select, in the given order.
     *
     * @throws OmException when a filter is given and nothing matches
     */
    static List<ResourceSpec> select(List<ResourceSpec> all, ActionOptions o) {
        if (!o.filtered()) {
            return all;
        }
        List<ResourceSpec> out = all.stream()
                .filter(s -> o.rids().isEmpty() || matchesRid(s, o.rids()))
                .filter(s -> o.tags() == null || matchesTags(s.tags(), o.tags()))
                .filter(s -> o.subsets().isEmpty() || (s.subset() != null && o.subsets().contains(s.subset())))
                .toList();
        if (out.isEmpty()) {
            throw new OmException(NO_MATCH);
        }
        return out;
    }

    /** Each item is a rid, a rid glob ({@code fs#*}) or a driver group. */
    static boolean matchesRid(ResourceSpec s, List<String> items) {
        for (String raw : items) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            if (item.equals(s.rid())) {
                return true;
            }
            if (DriverRegistry.GROUPS.contains(item) && item.equals(s.group())) {
                return true;
            }
            if (Globs.isGlob(item) && Globs.compile(item).matches(s.rid())) {
                return true;
            }
        }
        return false;
    }

    /** {@code ,} is OR, {@code +} is AND and binds tighter. */
    static boolean matchesTags(List<String> tags, String expr) {
        for (String term : expr.split(",")) {
            List<String> all = Arrays.stream(term.split("\\+")).map(String::trim).filter(t -> !t.isEmpty())
                    .toList();
            if (!all.isEmpty() && tags.containsAll(all)) {
                return true;
            }
        }
        return false;
    }
}
