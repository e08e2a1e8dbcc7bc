package om.selector.internal.parse;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import om.api.config.Values;

/**
 * A value read as each comparison type it parses as (selectors.md section 4.3): number, duration, boolean;
 * the text itself is the string form. Absent readings are null.
 */
public record Operand(String text, BigDecimal number, Duration duration, Boolean bool) {

    public static Operand of(String text) {
        return new Operand(text, number(text), duration(text), bool(text));
    }

    /** {@code -?[0-9]+(\.[0-9]+)?}, or null. */
    public static BigDecimal number(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && s.charAt(i) == '-') {
            i++;
        }
        int digits = skipDigits(s, i);
        if (digits == i) {
            return null;
        }
        i = digits;
        if (i < n) {
            if (s.charAt(i) != '.') {
                return null;
            }
            int frac = skipDigits(s, i + 1);
            if (frac == i + 1 || frac != n) {
                return null;
            }
        }
        return new BigDecimal(s);
    }

    private static int skipDigits(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** A duration as om writes them, or null (also when it overflows). */
    public static Duration duration(String s) {
        try {
            return Values.parseDuration(s).orElse(null);
        } catch (ArithmeticException | NumberFormatException e) {
            // too large to be a duration: it is then compared as another type
            return null;
        }
    }

    /** {@code true false yes no 1 0}, case-insensitive, or null. */
    public static Boolean bool(String s) {
        Optional<Boolean> b = Values.parseBool(s);
        return b.orElse(null);
    }
}
