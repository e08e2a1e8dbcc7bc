package om.api.config;

/** One validation problem, printed as {@code <file>:<line>: <message>}. */
public record ConfigIssue(String file, int line, String message) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
