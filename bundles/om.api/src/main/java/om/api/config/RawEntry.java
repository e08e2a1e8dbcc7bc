package om.api.config;

/**
 * One {@code key[@scope] = value} line as written.
 *
 * @param key   the keyword without scope
 * @param scope the scope after {@code @}, or null
 * @param value the value, continuation lines joined with a newline
 * @param line  the 1-based line number of the key
 */
public record RawEntry(String key, String scope, String value, int line) {
    /** The key as written, with its scope. */
    public String writtenKey() {
        return scope == null ? key : key + "@" + scope;
    }
}
