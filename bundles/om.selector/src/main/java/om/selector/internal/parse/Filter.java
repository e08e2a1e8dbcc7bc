package om.selector.internal.parse;

import java.util.regex.Pattern;

/**
 * {@code param op value}.
 *
 * @param param   the classified param
 * @param op      the operator
 * @param value   the value as written
 * @param operand the value read as each comparison type
 * @param regex   the compiled value for {@code ~}, else null
 */
public record Filter(Param param, Op op, String value, Operand operand, Pattern regex) implements Atom {
    @Override
    public boolean needsConfig() {
        return true;
    }

    @Override
    public String toString() {
        return param.text() + op.symbol() + value;
    }
}
