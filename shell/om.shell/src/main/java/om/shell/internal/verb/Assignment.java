package om.shell.internal.verb;

import om.api.config.RawConfig;
import om.shell.internal.UsageException;

/**
 * One {@code --kw [<section>.]<key>[@<scope>][=<value>]} argument; the section defaults to DEFAULT.
 */
record Assignment(String section, String key, String scope, String value) {

    static Assignment parse(String text, boolean needsValue) {
        String left = text;
        String value = null;
        int eq = text.indexOf('=');
        if (eq >= 0) {
            left = text.substring(0, eq);
            value = text.substring(eq + 1).trim();
        }
        if (!needsValue && value != null) {
            throw new UsageException("invalid --kw " + om.api.Quote.of(text) + ": unset takes [<section>.]<key>[@<scope>], no value");
        }
        if (needsValue && value == null) {
            throw new UsageException("invalid --kw " + om.api.Quote.of(text) + ": expected [<section>.]<key>=<value>");
        }
        left = left.trim();
        String scope = null;
        int at = left.indexOf('@');
        if (at >= 0) {
            scope = left.substring(at + 1);
            left = left.substring(0, at);
        }
        String section = "DEFAULT";
        int dot = left.lastIndexOf('.');
        if (dot >= 0) {
            section = left.substring(0, dot);
            left = left.substring(dot + 1);
        }
        if (!left.matches("[a-z0-9_]+") || section.isEmpty() || (scope != null && scope.isEmpty())) {
            throw new UsageException("invalid --kw " + om.api.Quote.of(text) + ": expected [<section>.]<key>[@<scope>]"
                    + (needsValue ? "=<value>" : ""));
        }
        return new Assignment(section, left, scope, value);
    }

    om.api.config.KeywordChange change() {
        return new om.api.config.KeywordChange(section, key, scope, value);
    }

    RawConfig applyTo(RawConfig raw) {
        return value == null ? raw.without(section, key, scope) : raw.with(section, key, scope, value);
    }
}
