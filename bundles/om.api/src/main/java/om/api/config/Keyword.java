package om.api.config;

import java.util.List;

/**
 * One entry of a keyword table: the single source for validation, defaults and {@code config doc}.
 *
 * @param name         the keyword, lower case
 * @param type         how the value converts
 * @param defaultValue the default, or null when there is none
 * @param doc          one-paragraph documentation
 * @param required     a section of this driver must write it
 * @param scopable     whether {@code name@scope} is allowed
 * @param aliases      other accepted names
 * @param candidates   allowed values, empty when free
 */
public record Keyword(String name, KeywordType type, String defaultValue, String doc, boolean required,
                      boolean scopable, List<String> aliases, List<String> candidates) {
    public Keyword {
        aliases = List.copyOf(aliases);
        candidates = List.copyOf(candidates);
    }

    public static Keyword of(String name, KeywordType type, String defaultValue, String doc) {
        return new Keyword(name, type, defaultValue, doc, false, true, List.of(), List.of());
    }

    public static Keyword required(String name, KeywordType type, String doc) {
        return new Keyword(name, type, null, doc, true, true, List.of(), List.of());
    }

    public Keyword withAliases(String... names) {
        return new Keyword(name, type, defaultValue, doc, required, scopable, List.of(names), candidates);
    }

    public Keyword withCandidates(String... values) {
        return new Keyword(name, type, defaultValue, doc, required, scopable, aliases, List.of(values));
    }

    public Keyword notScopable() {
        return new Keyword(name, type, defaultValue, doc, required, false, aliases, candidates);
    }

    public boolean answersTo(String key) {
        return name.equals(key) || aliases.contains(key);
    }
}
