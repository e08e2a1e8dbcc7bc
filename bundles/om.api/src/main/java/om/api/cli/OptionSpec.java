package om.api.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import om.api.OmException;
import om.api.Quote;
import om.api.config.Values;

/**
 * One long option a verb accepts, with its help text. The shell refuses any option the verb does not declare and
 * checks every value against its {@link Kind} before the verb runs, so a verb reads only well-formed values.
 *
 * @param name       the option with its dashes, e.g. {@code --rid}
 * @param kind       what the value is; {@link Kind#FLAG} takes none
 * @param valueName  the placeholder shown in usage, e.g. {@code <duration>}; null for flags and choices
 * @param choices    the accepted words for {@link Kind#CHOICE}, or for each item of a {@link Kind#LIST} (empty: any)
 * @param repeatable whether the option may be given more than once (each value is kept)
 * @param help       one line for the option table of the verb's usage
 */
public record OptionSpec(String name, Kind kind, String valueName, List<String> choices, boolean repeatable,
                         String help) {
    /** What an option's value is; the check each kind applies is in {@link #check(String)}. */
    public enum Kind {
        /** No value: present or absent. */
        FLAG,
        /** Any non-empty text. */
        TEXT,
        /** A non-negative integer. */
        INT,
        /** A duration as {@link Values#parseDuration(String)} reads it: 10s, 5m, 1h30m. */
        DURATION,
        /** A comma-separated list without empty items. */
        LIST,
        /** One of {@link OptionSpec#choices()}. */
        CHOICE
    }

    public OptionSpec {
        if (name == null || !name.matches("--[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name must be --<lowercase word>: " + name);
        }
        choices = List.copyOf(choices == null ? List.of() : choices);
        if (kind == Kind.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException(name + ": a choice option needs choices");
        }
    }

    public static OptionSpec flag(String name, String help) {
        return new OptionSpec(name, Kind.FLAG, null, List.of(), false, help);
    }

    public static OptionSpec text(String name, String valueName, String help) {
        return new OptionSpec(name, Kind.TEXT, valueName, List.of(), false, help);
    }

    public static OptionSpec integer(String name, String valueName, String help) {
        return new OptionSpec(name, Kind.INT, valueName, List.of(), false, help);
    }

    public static OptionSpec duration(String name, String help) {
        return new OptionSpec(name, Kind.DURATION, "<duration>", List.of(), false, help);
    }

    public static OptionSpec list(String name, String itemName, String help) {
        return new OptionSpec(name, Kind.LIST, itemName, List.of(), false, help);
    }

    /** A list whose every item is one of {@code choices}. */
    public static OptionSpec listOf(String name, List<String> choices, String help) {
        return new OptionSpec(name, Kind.LIST, null, choices, false, help);
    }

    public static OptionSpec choice(String name, List<String> choices, String help) {
        return new OptionSpec(name, Kind.CHOICE, null, choices, false, help);
    }

    /** The same option, accepted several times. */
    public OptionSpec repeated() {
        return new OptionSpec(name, kind, valueName, choices, true, help);
    }

    public boolean takesValue() {
        return kind != Kind.FLAG;
    }

    /**
     * Checks one value; returns it unchanged or throws a one-line usage error (exit 2) naming the option and the
     * expected form.
     */
    public String check(String value) {
        if (kind == Kind.FLAG) {
            if (value != null) {
                throw usage("option " + name + " takes no value");
            }
            return null;
        }
        if (value == null) {
            throw usage("option " + name + " needs a value");
        }
        switch (kind) {
            case TEXT -> {
                if (value.isEmpty()) {
                    throw invalid(value, "a non-empty value");
                }
            }
            case INT -> {
                if (!value.matches("[0-9]{1,9}")) {
                    throw invalid(value, "a non-negative integer");
                }
            }
            case DURATION -> {
                if (parseDuration(value).isEmpty()) {
                    throw invalid(value, "a duration like 30s, 5m or 1h30m");
                }
            }
            case LIST -> {
                for (String item : value.split(",", -1)) {
                    String t = item.trim();
                    if (t.isEmpty()) {
                        throw invalid(value, "a comma-separated list without empty items");
                    }
                    if (!choices.isEmpty() && !choices.contains(t)) {
                        throw invalid(value, "items among " + String.join(", ", choices));
                    }
                }
            }
            case CHOICE -> {
                if (!choices.contains(value)) {
                    throw invalid(value, String.join(" or ", choices));
                }
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return value;
    }

    /** The value form for the usage synopsis: {@code --rid <rid>[,...]}, {@code --format json|flat_json}. */
    public String synopsis() {
        return switch (kind) {
            case FLAG -> name;
            case CHOICE -> name + " " + String.join("|", choices);
            case LIST -> name + " " + (choices.isEmpty() ? placeholder() : String.join("|", choices)) + "[,...]";
            default -> name + " " + placeholder();
        };
    }

    private String placeholder() {
        return valueName != null ? valueName : "<" + kind.name().toLowerCase(Locale.ROOT) + ">";
    }

    /** A duration, or empty; an overlong number of units is no duration either. */
    static Optional<java.time.Duration> parseDuration(String value) {
        try {
            return Values.parseDuration(value);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private OmException invalid(String value, String expected) {
        return usage("invalid value " + Quote.of(value) + " for " + name + ": expected " + expected);
    }

    private static OmException usage(String message) {
        return new OmException(message, 2);
    }
}
