package om.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits {@code om [<selector>] <verb words> [options]} into a {@link Request}. Options may appear anywhere after
 * the selector, as in {@code om web1 --rid app#0 start}.
 */
public final class CommandLineParser {
    /** Options taking a value. */
    static final Set<String> VALUED = Set.of("--format", "--rid", "--tags", "--subsets", "--waitlock", "--kw",
            "--config", "--status", "--time", "--node", "--color", "--sections", "--interval", "--since", "--server");
    /** Options without value. */
    static final Set<String> FLAGS = Set.of("--refresh", "--local", "--force", "--dry-run", "--disable-rollback",
            "--wait", "--watch", "--help", "--debug", "--stats", "--confirm", "--eval", "--follow", "--quiet");
    /** Verbs that take no selector (the first word is the verb). */
    static final Set<String> NODE_VERBS = Set.of("help", "daemon", "node", "ls", "mon");

    private CommandLineParser() {
    }

    public static Request parse(List<String> args) {
        if (args.isEmpty()) {
            return new Request(null, List.of("help"), Map.of());
        }
        String selector = null;
        int i = 0;
        String first = args.get(0);
        if (first.startsWith("-")) {
            if (first.equals("-h") || first.equals("--help")) {
                return new Request(null, List.of("help"), Map.of());
            }
        } else if (!NODE_VERBS.contains(first)) {
            selector = first;
            i = 1;
        }
        List<String> verb = new ArrayList<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-h")) {
                a = "--help";
            }
            if (a.startsWith("--")) {
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                if (VALUED.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new UsageException("option " + name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                } else if (FLAGS.contains(name)) {
                    if (value != null) {
                        throw new UsageException("option " + name + " takes no value");
                    }
                    value = "";
                } else {
                    throw new UsageException("unknown option '" + name + "'");
                }
                options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            } else if (a.startsWith("-") && a.length() > 1) {
                throw new UsageException("unknown option '" + a + "'");
            } else {
                verb.add(a);
            }
        }
        if (selector == null && verb.isEmpty() && first.equals("ls")) {
            verb.add("ls");
        }
        return new Request(selector, verb, options);
    }
}
