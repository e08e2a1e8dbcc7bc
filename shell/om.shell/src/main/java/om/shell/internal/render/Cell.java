package om.shell.internal.render;

/**
 * One cell of the {@code om mon} table: its visible text (what widths are measured on) and the same text with
 * colour escapes. Cells are built from segments, each with its own colour, so a marker cell like {@code O!^} can
 * colour each marker.
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

    static final Cell EMPTY = new Cell(false);

    private final boolean color;
    private final StringBuilder plain = new StringBuilder();
    private final StringBuilder styled;

    Cell(boolean color) {
        this.color = color;
        this.styled = color ? new StringBuilder() : plain;
    }

    static Cell of(String text, String colour, boolean color) {
        return new Cell(color).add(text, colour);
    }

    static Cell plain(String text) {
        return new Cell(false).add(text, null);
    }

    /** Appends {@code text} in {@code colour} (null: the terminal's own). */
    Cell add(String text, String colour) {
        if (text.isEmpty()) {
            return this;
        }
        if (color) {
            plain.append(text);
            if (colour != null) {
                styled.append(colour).append(text).append(RESET);
            } else {
                styled.append(text);
            }
        } else {
            plain.append(text);
        }
        return this;
    }

    int width() {
        return plain.length();
    }

    boolean isEmpty() {
        return plain.length() == 0;
    }

    String text() {
        return plain.toString();
    }

    /** Appends the styled text, left-aligned in {@code width} (right-aligned when {@code right}). */
    void appendTo(StringBuilder b, int width, boolean right, boolean pad) {
        int fill = Math.max(0, width - plain.length());
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
}
