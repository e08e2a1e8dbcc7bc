package om.api.config;

/**
 * One keyword to set or remove in an installed config ({@code om set}, {@code om unset}).
 *
 * @param section the section, {@code DEFAULT} for the header
 * @param scope   the scope after {@code @}, or null
 * @param value   the new value, or null to remove the keyword
 */
public record KeywordChange(String section, String key, String scope, String value) {
    public boolean removes() {
        return value == null;
    }
}
