package om.api;

/**
 * Makes text safe to echo on an operator's terminal: control characters (newlines, terminal escapes) are written
 * as escapes and long input is shortened. One copy of the rule, for every message that quotes what a user typed
 * and for the place that prints {@code error: } lines.
 */
public final class Quote {
    /** The longest input quoted in full; longer input keeps its head and says how long it was. */
    public static final int MAX_QUOTED = 80;

    private Quote() {
    }

    /** {@code 'text'}, escaped and shortened to about {@link #MAX_QUOTED} characters. */
    public static String of(String text) {
        return "'" + line(text, MAX_QUOTED) + "'";
    }

    /**
     * Control characters as escapes: {@code \n}, {@code \r}, {@code \t}; {@code \x1b} style for the other C0 and
     * C1 controls and DEL; a 4-digit escape for the Unicode bidirectional overrides (U+202A to U+202E, U+2066 to
     * U+2069: they reorder what the terminal shows).
     */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String esc = escapeOf(c);
            if (esc != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                if (esc != null) {
                    b.append(esc);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? text : b.toString();
    }

    /** {@code text} cut to {@code max} characters plus a note of the full length when it is longer. */
    public static String shorten(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int cut = max;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "...(" + text.length() + " characters)";
    }

    /**
     * One line for the operator: escaped, and when the escaped form is longer than {@code max}, its head (never
     * half an escape or half a surrogate pair) followed by {@code ...(<n> characters)}, n the input's length. Only
     * the head is escaped, so a huge input costs no more than a short one.
     */
    public static String line(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), max) + 32);
        int fit = 0;
        int i = 0;
        while (i < text.length() && b.length() <= max) {
            char c = text.charAt(i++);
            String esc = escapeOf(c);
            if (esc != null) {
                b.append(esc);
            } else {
                b.append(c);
            }
            if (b.length() <= max && !Character.isHighSurrogate(c)) {
                fit = b.length();
            }
        }
        if (i == text.length() && b.length() <= max) {
            return b.toString();
        }
        return b.substring(0, fit) + "...(" + text.length() + " characters)";
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            return c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
