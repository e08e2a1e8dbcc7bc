package om.selector.internal.parse;

/** A term with the syntax of a param and no operator: read as the existence test {@code <param>:}. */
public record BareKeyword(Param param) implements Atom {
    @Override
    public boolean needsConfig() {
        return true;
    }

    @Override
    public String toString() {
        return param.text();
    }
}
