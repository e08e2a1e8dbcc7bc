package om.selector.internal.parse;

import java.util.List;
import java.util.stream.Collectors;

/** The intersection of the {@code +}-separated terms of one {@code ,} part. */
public record And(List<Term> terms) {
    public And {
        terms = List.copyOf(terms);
    }

    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining("+"));
    }
}
