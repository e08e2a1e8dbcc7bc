package om.api.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A command line parsed for one verb: every option in it is declared by the verb and its value passed the
 * declared check, so the typed getters do not fail on a value.
 *
 * @param selector  the selector, null when none was given
 * @param verb      the verb words, e.g. {@code [print, status]}
 * @param options   option name to its values in order ({@code ""} for a flag)
 * @param arguments the words after the verb (only for verbs that declare {@link OmVerb#arguments()})
 */
public record VerbRequest(String selector, List<String> verb, Map<String, List<String>> options,
                          List<String> arguments) {
    public VerbRequest {
        verb = List.copyOf(verb);
        options = Map.copyOf(options);
        arguments = List.copyOf(arguments);
    }

    public VerbRequest(String selector, List<String> verb, Map<String, List<String>> options) {
        this(selector, verb, options, List.of());
    }

    public boolean has(String option) {
        return options.containsKey(option);
    }

    /** The last value of the option, null when absent. */
    public String option(String name) {
        List<String> v = options.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    /** Every value of a repeatable option, in order. */
    public List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    /** The value of a {@link OptionSpec.Kind#DURATION} option. */
    public Optional<Duration> duration(String name) {
        String v = option(name);
        return v == null ? Optional.empty() : OptionSpec.parseDuration(v);
    }

    /** The items of a {@link OptionSpec.Kind#LIST} option, trimmed; empty when absent. */
    public List<String> list(String name) {
        String v = option(name);
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::trim).toList();
    }

    /** The value of an {@link OptionSpec.Kind#INT} option. */
    public Optional<Integer> integer(String name) {
        String v = option(name);
        return v == null ? Optional.empty() : Optional.of(Integer.parseInt(v));
    }

    public String verbString() {
        return String.join(" ", verb);
    }
}
