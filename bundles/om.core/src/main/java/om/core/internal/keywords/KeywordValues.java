package om.core.internal.keywords;

import java.util.List;
import om.api.config.Keyword;
import om.api.config.KeywordType;
import om.api.config.Values;

/** Whether a value converts to its keyword's type and candidates. */
public final class KeywordValues {
    private KeywordValues() {
    }

    /** What the value should have been ({@code an integer}, {@code one of: a, b}), null when it converts. */
    public static String problem(Keyword kw, String value) {
        KeywordType type = kw.type();
        String bad = switch (type) {
            case INT -> Values.parseInt(value).isPresent() ? null : "an integer";
            case BOOL -> Values.parseBool(value).isPresent() ? null : "a boolean (true false yes no 1 0)";
            case DURATION -> Values.parseDuration(value).isPresent() ? null : "a duration (like 30s, 1h30m)";
            case SIZE -> Values.parseSize(value).isPresent() ? null : "a size (like 512m, 2g)";
            case COMMAND -> commandProblem(value);
            default -> null;
        };
        if (bad != null || kw.candidates().isEmpty()) {
            return bad;
        }
        List<String> words = type == KeywordType.LIST ? Values.toList(value) : List.of(value.strip());
        for (String w : words) {
            if (!kw.candidates().contains(w)) {
                return "one of: " + String.join(", ", kw.candidates());
            }
        }
        return null;
    }

    private static String commandProblem(String value) {
        try {
            Values.splitCommand(value);
            return null;
        } catch (IllegalArgumentException e) {
            return "a valid command line (" + e.getMessage() + ")";
        }
    }
}
