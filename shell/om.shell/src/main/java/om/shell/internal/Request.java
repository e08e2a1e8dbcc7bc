package om.shell.internal;

import java.util.List;
import java.util.Map;

/**
 * One parsed {@code om} command line.
 *
 * @param selector the selector, null for node-level verbs
 * @param verb     the verb words, e.g. {@code [print, status]}
 * @param options  long options with their values ("" for flags); repeated options keep every value
 */
public record Request(String selector, List<String> verb, Map<String, List<String>> options) {
    public Request {
        verb = List.copyOf(verb);
        options = Map.copyOf(options);
    }

    public boolean has(String option) {
        return options.containsKey(option);
    }

    public String option(String name) {
        List<String> v = options.get(name);
        return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
    }

    public List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    public String verbString() {
        return String.join(" ", verb);
    }
}
