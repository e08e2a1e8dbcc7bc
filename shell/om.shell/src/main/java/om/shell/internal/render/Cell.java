package om.shell.internal.render;

/**
 * One cell of the {@code om mon} table: its visible text (what widths are measured on) and the same text with
 * colour escapes. A cell of several markers ({@code O!^}) is composed by a {@link Builder}, each marker in its
 * own colour. Immutable: the renderer makes tens of thousands per drawing, so a plain cell is two references.
 */
final class Cell {
    static final String RESET = "\u001b[0m";
    static final String BOLD = "\u001b[1m";
    static final String RED = "\u001b[31m";
    static final String GREEN = "\u001b[32m";
    static final String YELLOW = "\u001b[33m";
    static final String BLUE = "\u001b[34m";
    static final String CYAN = "\u001b[36m";
    static final String GREY = "\u001b[90m";

    static final Cell EMPTY = new Cell("", "");

    private final String text;
    private final String styled;

    private Cell(String text, String styled) {
        this.text = text;
        this.styled = styled;
    }

    /** {@code text} in {@code colour} (null: the terminal's own) when {@code color}, else as it is. */
    static Cell of(String text, String colour, boolean color) {
        return color && colour != null && !text.isEmpty() ? new Cell(text, colour + text + RESET) : plain(text);
    }

    static Cell plain(String text) {
        return text.isEmpty() ? EMPTY : new Cell(text, text);
    }

    int width() {
        return text.length();
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    String text() {
        return text;
    }

    /** Appends the styled text, left-aligned in {@code width} (right-aligned when {@code right}). */
    void appendTo(StringBuilder b, int width, boolean right, boolean pad) {
        int fill = Math.max(0, width - text.length());
        if (right) {
            spaces(b, fill);
        }
        b.append(styled);
        if (!right && pad) {
            spaces(b, fill);
        }
    }

    private static void spaces(StringBuilder b, int n) {
        for (int i = 0; i < n; i++) {
            b.append(' ');
        }
    }

    /** Composes a cell of segments, each with its own colour. */
    static final class Builder {
        private final boolean color;
        private final StringBuilder plain = new StringBuilder(8);
        private final StringBuilder styled;

        Builder(boolean color) {
            this.color = color;
            this.styled = color ? new StringBuilder(32) : null;
        }

        Builder add(String text, String colour) {
            if (text.isEmpty()) {
                return this;
            }
            plain.append(text);
            if (color) {
                if (colour != null) {
                    styled.append(colour).append(text).append(RESET);
                } else {
                    styled.append(text);
                }
            }
            return this;
        }

        Cell build() {
            String p = plain.toString();
            return p.isEmpty() ? EMPTY : new Cell(p, color ? styled.toString() : p);
        }
    }
}
