package om.selector.internal.parse;

/**
 * What a selector error quotes of the operator's input: control characters escaped (a newline or a terminal
 * escape must not reach the terminal raw) and shortened (a 120 KB selector is not repeated in full). Every
 * message of this bundle that echoes input goes through {@link #of(String)}; it follows the rule of om.api's
 * shared quoting helper and becomes a call to it once that is on main.
 */
public final class Echo {
    /** The longest input echoed in full. */
    static final int MAX = 80;

    private Echo() {
    }

    /** {@code text} escaped, then cut to {@link #MAX} characters plus {@code ...(<n> characters)} when longer. */
    public static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX) + 32);
        int i = 0;
        // only the head is ever shown, so a huge input costs no more than a short one
        while (i < text.length() && b.length() <= MAX) {
            escape(b, text.charAt(i++));
        }
        if (i == text.length() && b.length() <= MAX) {
            return b.toString();
        }
        int cut = MAX;
        if (Character.isHighSurrogate(b.charAt(cut - 1))) {
            cut--;
        }
        return b.substring(0, cut) + "...(" + text.length() + " characters)";
    }

    private static void escape(StringBuilder b, char c) {
        switch (c) {
            case '\n' -> b.append("\\n");
            case '\r' -> b.append("\\r");
            case '\t' -> b.append("\\t");
            default -> {
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                    b.append(String.format("\\x%02x", (int) c));
                } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
                    // bidirectional overrides reorder what the terminal shows
                    b.append(String.format("\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
        }
    }
}
