package om.selector.internal.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import om.api.InvalidPathException;
import om.api.ObjectPath;
import om.api.select.SelectorException;

/**
 * Parses a selector (selectors.md sections 1, 2 and 7) into an immutable {@link Or} tree. Every malformed input
 * raises a {@link SelectorException} with the message of section 7, never anything else; what it echoes of the
 * input goes through {@link Echo}. Parsing is linear in the selector (globs compile in one pass).
 */
public final class SelectorParser {
    private SelectorParser() {
    }

    public static Or parse(String selector) {
        String sel = selector == null ? "" : selector;
        List<And> ands = new ArrayList<>();
        for (String part : split(sel, ',')) {
            List<Term> terms = new ArrayList<>();
            for (String raw : split(part, '+')) {
                terms.add(term(sel, raw));
            }
            ands.add(new And(terms));
        }
        return new Or(sel, ands);
    }

    /** Splits keeping empty pieces, so {@code a,,b} and {@code a+} show their empty term. */
    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i;
        while ((i = s.indexOf(sep, start)) >= 0) {
            out.add(s.substring(start, i));
            start = i + 1;
        }
        out.add(s.substring(start));
        return out;
    }

    private static Term term(String sel, String raw) {
        int i = 0;
        while (i < raw.length() && raw.charAt(i) == '!') {
            i++;
        }
        String text = raw.substring(i);
        if (text.isEmpty()) {
            throw new SelectorException(Echo.of(sel), "empty term");
        }
        return new Term(i > 0, atom(sel, text));
    }

    private static Atom atom(String sel, String text) {
        for (int i = 0; i < text.length(); i++) {
            Op op = operatorAt(text, i);
            if (op != null) {
                return filter(sel, text.substring(0, i), op, text.substring(i + op.symbol().length()));
            }
        }
        if (isGlob(text)) {
            return Glob.of(text);
        }
        try {
            return new ExactPath(ObjectPath.parse(text));
        } catch (InvalidPathException e) {
            Param p = Param.parse(text);
            if (p != null) {
                return new BareKeyword(p);
            }
            throw new SelectorException(Echo.of(sel),
                    "invalid path '" + Echo.of(e.text()) + "': " + Echo.of(e.reason()));
        }
    }

    /** The operator starting at {@code i}, two characters winning over one; null if none starts there. */
    static Op operatorAt(String text, int i) {
        char c = text.charAt(i);
        boolean eqNext = i + 1 < text.length() && text.charAt(i + 1) == '=';
        return switch (c) {
            case '<' -> eqNext ? Op.LE : Op.LT;
            case '>' -> eqNext ? Op.GE : Op.GT;
            case '=' -> Op.EQ;
            case '~' -> Op.MATCH;
            case ':' -> Op.EXISTS;
            default -> null;
        };
    }

    private static boolean isGlob(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    private static Filter filter(String sel, String paramText, Op op, String value) {
        Param param = Param.parse(paramText);
        if (param == null || (param.scope() == Param.Scope.RID_ONLY && op != Op.EXISTS)) {
            throw new SelectorException(Echo.of(sel), "invalid keyword '" + Echo.of(paramText) + "'");
        }
        Pattern regex = null;
        switch (op) {
            case EXISTS -> {
                if (!value.isEmpty()) {
                    throw new SelectorException(Echo.of(sel), "':' takes no value");
                }
            }
            case MATCH -> {
                try {
                    regex = Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw new SelectorException(Echo.of(sel),
                            "bad regex '" + Echo.of(value) + "': " + Echo.of(e.getDescription()));
                }
            }
            default -> {
                // comparisons take any value, even empty
            }
        }
        return new Filter(param, op, value, Operand.of(value), regex);
    }
}
