package om.selector.internal.parse;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import om.api.ObjectPath;

/**
 * A parsed selector: the union of its {@code ,}-separated parts.
 *
 * @param text the selector as written
 * @param ands the parts
 */
public record Or(String text, List<And> ands) {
    public Or {
        ands = List.copyOf(ands);
    }

    /**
     * The path when the whole selector is one exact path (no {@code , + !}): a missing object is then an
     * error rather than an empty selection.
     */
    public Optional<ObjectPath> singlePath() {
        if (ands.size() != 1 || ands.get(0).terms().size() != 1) {
            return Optional.empty();
        }
        Term t = ands.get(0).terms().get(0);
        if (!t.negated() && t.atom() instanceof ExactPath p) {
            return Optional.of(p.path());
        }
        return Optional.empty();
    }

    /** Whether evaluating this selector reads any object configuration. */
    public boolean needsConfig() {
        return ands.stream().flatMap(a -> a.terms().stream()).anyMatch(t -> t.atom().needsConfig());
    }

    @Override
    public String toString() {
        return ands.stream().map(And::toString).collect(Collectors.joining(","));
    }
}
