package om.selector.internal.parse;

/** Filter operators (selectors.md section 4.3). */
public enum Op {
    LE("<=", true), GE(">=", true), LT("<", true), GT(">", true), EQ("=", false), MATCH("~", false),
    EXISTS(":", false);

    private final String symbol;
    private final boolean ordered;

    Op(String symbol, boolean ordered) {
        this.symbol = symbol;
        this.ordered = ordered;
    }

    public String symbol() {
        return symbol;
    }

    /** {@code < > <= >=}: these never match booleans and use the whole value of list keywords. */
    public boolean ordered() {
        return ordered;
    }

    /** Whether a comparison result ({@code compareTo} sign) satisfies this operator. */
    public boolean accepts(int cmp) {
        return switch (this) {
            case LE -> cmp <= 0;
            case GE -> cmp >= 0;
            case LT -> cmp < 0;
            case GT -> cmp > 0;
            case EQ -> cmp == 0;
            case MATCH, EXISTS -> throw new IllegalStateException(symbol + " is not a comparison");
        };
    }

    @Override
    public String toString() {
        return symbol;
    }
}
