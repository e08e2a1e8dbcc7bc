package om.api;

/**
 * An error meant for the operator: its message is one line, printed as {@code error: <message>},
 * and the command exits with {@link #exitCode()}.
 */
public class OmException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public OmException(String message) {
        this(message, 1);
    }

    public OmException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    public OmException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
