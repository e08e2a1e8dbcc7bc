package om.core.internal.keywords;

import java.util.List;
import om.api.config.Keyword;
import om.api.config.KeywordType;
import om.api.config.Values;
import om.api.schedule.Schedule;
import om.api.schedule.ScheduleException;

/**
 * Whether a value converts to its keyword's type and candidates: the one copy of these checks for object configs,
 * node configs and resource preflights.
 */
public final class KeywordValues {
    private KeywordValues() {
    }

    /**
     * Why a value is refused: {@code value} is the part named (the whole value, or the word of a list that is not
     * a candidate), {@code expected} what it should have been.
     */
    public record Problem(String value, String expected) {
    }

    /** What the value should have been ({@code an integer}, {@code one of: a, b}), null when it converts. */
    public static String problem(Keyword kw, String value) {
        Problem p = check(kw, value);
        return p == null ? null : p.expected();
    }

    /** The problem of a value, null when it converts. */
    public static Problem check(Keyword kw, String value) {
        KeywordType type = kw.type();
        String bad = switch (type) {
            case INT -> Values.parseInt(value).isPresent() ? null : "an integer";
            case BOOL -> Values.parseBool(value).isPresent() ? null : "a boolean (true false yes no 1 0)";
            case DURATION -> Values.parseDuration(value).isPresent() ? null : "a duration (like 30s, 1h30m)";
            case SIZE -> Values.parseSize(value).isPresent() ? null : "a size (like 512m, 2g)";
            case COMMAND -> commandProblem(value);
            case SCHEDULE -> scheduleProblem(value);
            default -> null;
        };
        if (bad != null) {
            return new Problem(value, bad);
        }
        if (kw.candidates().isEmpty()) {
            return null;
        }
        List<String> words = type == KeywordType.LIST ? Values.toList(value) : List.of(value.strip());
        for (String w : words) {
            if (!kw.candidates().contains(w)) {
                return new Problem(w, "one of: " + String.join(", ", kw.candidates()));
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

    private static String scheduleProblem(String value) {
        try {
            Schedule.parse(value);
            return null;
        } catch (ScheduleException e) {
            return "a schedule (" + e.getMessage() + ")";
        }
    }
}
