package om.api;

/** A path string that does not name a valid object: {@code invalid path '<text>': <reason>}. */
public final class InvalidPathException extends OmException {
    private static final long serialVersionUID = 1L;
    private final String text;
    private final String reason;

    public InvalidPathException(String text, String reason) {
        super("invalid path '" + text + "': " + reason, 2);
        this.text = text;
        this.reason = reason;
    }

    public String text() {
        return text;
    }

    public String reason() {
        return reason;
    }
}
