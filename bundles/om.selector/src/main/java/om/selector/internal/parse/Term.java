package om.selector.internal.parse;

/** One {@code +} operand: an atom, negated when written with any number of leading {@code !}. */
public record Term(boolean negated, Atom atom) {
    @Override
    public String toString() {
        return negated ? "!" + atom : atom.toString();
    }
}
