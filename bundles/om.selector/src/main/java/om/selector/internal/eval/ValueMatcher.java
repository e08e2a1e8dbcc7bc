package om.selector.internal.eval;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import om.api.config.Values;
import om.selector.internal.parse.Filter;
import om.selector.internal.parse.Op;
import om.selector.internal.parse.Operand;

/** Compares one effective value with a filter value (selectors.md section 4.3). */
final class ValueMatcher {
    private ValueMatcher() {
    }

    /**
     * Whether {@code actual} satisfies the filter. For list keywords {@code =} and {@code ~} accept the whole
     * whitespace-normalised value or any single element; ordered operators use the whole value.
     */
    static boolean matches(Filter f, String actual, boolean list, Bounds bounds) {
        if (!list) {
            return matchesOne(f, actual, bounds);
        }
        List<String> elements = Values.toList(actual);
        String whole = String.join(" ", elements);
        if (matchesOne(f, whole, bounds)) {
            return true;
        }
        if (f.op().ordered() || elements.size() < 2) {
            return false;
        }
        for (String e : elements) {
            if (matchesOne(f, e, bounds)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesOne(Filter f, String actual, Bounds bounds) {
        if (f.op() == Op.MATCH) {
            // a backtracking regex is bounded in time, never left to run
            return bounds.find(f.regex(), actual);
        }
        return compare(f.op(), actual, f.operand());
    }

    /** The first type both sides parse as decides: number, duration, boolean, then string. */
    static boolean compare(Op op, String actual, Operand expected) {
        if (expected.number() != null) {
            BigDecimal a = Operand.number(actual);
            if (a != null) {
                return op.accepts(a.compareTo(expected.number()));
            }
        }
        if (expected.duration() != null) {
            Duration a = Operand.duration(actual);
            if (a != null) {
                return op.accepts(a.compareTo(expected.duration()));
            }
        }
        if (expected.bool() != null) {
            Boolean a = Operand.bool(actual);
            if (a != null) {
                return !op.ordered() && a.equals(expected.bool());
            }
        }
        return op.accepts(actual.compareTo(expected.text()));
    }
}
