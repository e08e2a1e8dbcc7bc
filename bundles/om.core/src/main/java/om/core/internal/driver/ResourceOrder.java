package om.core.internal.driver;

import java.util.Comparator;
import java.util.function.Function;
import om.api.driver.DriverRegistry;

/**
 * The order of resources inside an instance (status.md section 5, orchestration.md section 9): driver group
 * order, then subset (resources without one first), then the driver sort key (the rid index by default),
 * compared as numbers when both are integers.
 */
public final class ResourceOrder {
    private ResourceOrder() {
    }

    /** Position of a group in {@code ip disk fs share container app sync task}; unknown groups last. */
    public static int groupRank(String group) {
        int i = DriverRegistry.GROUPS.indexOf(group);
        return i < 0 ? DriverRegistry.GROUPS.size() : i;
    }

    /**
     * A comparator over any item carrying a spec and a sort key.
     *
     * @param sortKey the driver's sort key, or null for the rid index
     */
    public static <T> Comparator<T> comparator(Function<T, ResourceSpec> spec, Function<T, String> sortKey) {
        Comparator<T> byGroup = Comparator.comparingInt(t -> groupRank(spec.apply(t).group()));
        Comparator<T> bySubset = Comparator.comparing(t -> spec.apply(t).subset(),
                Comparator.nullsFirst(Comparator.naturalOrder()));
        Comparator<T> byKey = (a, b) -> compareKeys(key(spec.apply(a), sortKey.apply(a)),
                key(spec.apply(b), sortKey.apply(b)));
        return byGroup.thenComparing(bySubset).thenComparing(byKey)
                .thenComparing(t -> spec.apply(t).rid());
    }

    private static String key(ResourceSpec spec, String sortKey) {
        return sortKey != null ? sortKey : spec.index();
    }

    /** Numeric comparison when both keys are integers, else plain string order. */
    public static int compareKeys(String a, String b) {
        if (isInteger(a) && isInteger(b)) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        return a.compareTo(b);
    }

    private static boolean isInteger(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
