package om.shell.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import om.api.Quote;
import om.api.cli.OmVerb;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;

/**
 * Parses {@code om [<selector>] <verb words> [options]} against the declared verbs, in two steps: first find the
 * verb (the selector, if any, is the first word; options may appear anywhere after it, as in
 * {@code om web1 --rid app#0 start}), then read every option against that verb's declarations only. An option the
 * verb does not declare, or one placed before the selector, is {@code unknown option '--x' for '<verb>'}.
 */
public final class CommandLineParser {
    /** Accepted by every verb. */
    public static final OptionSpec HELP = OptionSpec.flag("--help", "print this help");

    /** A command line resolved to its verb. */
    public record Parsed(OmVerb verb, VerbRequest request) {
    }

    private final Map<String, OmVerb> verbs;
    /** Options that take a value in any verb: how to skip values while the verb is not known yet. */
    private final Set<String> valued = new HashSet<>();

    /** @param verbs the verbs by their words joined by a space ({@code print status}) */
    public CommandLineParser(Map<String, ? extends OmVerb> verbs) {
        this.verbs = Map.copyOf(verbs);
        for (OmVerb v : verbs.values()) {
            for (OptionSpec o : v.options()) {
                if (o.takesValue()) {
                    valued.add(o.name());
                }
            }
        }
    }

    /** Parses a non-empty command line; a {@link UsageException} (exit 2) when it does not fit a verb. */
    public Parsed parse(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("missing verb (see 'om help')");
        }
        if (isHelp(args.get(0))) {
            // "om --help", "om -h [<verb>]": the help verb
            OmVerb help = verbs.get("help");
            if (help == null) {
                throw new UsageException("unknown verb 'help'");
            }
            List<String> topic = args.subList(1, args.size()).stream().filter(a -> !a.startsWith("-")).toList();
            return new Parsed(help, new VerbRequest(null, List.of("help"), Map.of(), topic));
        }
        List<Integer> positions = positions(args);
        List<String> words = positions.stream().map(args::get).toList();

        // a node-level reading first: "om ls", "om daemon status", "om config doc", "om print status --help"
        OmVerb bare = longestVerb(words, 0);
        if (bare != null && (words.size() == bare.words().size() || !bare.arguments().isEmpty())) {
            return read(args, 0, null, bare);
        }
        if (positions.isEmpty()) {
            throw new UsageException("unknown option " + Quote.of(optionName(args.get(0))) + " (see 'om help')");
        }
        if (positions.get(0) != 0) {
            // options before the selector
            OmVerb v = longestVerb(words, 1);
            String first = args.get(0);
            if (v != null) {
                throw unknownOption(optionName(first), v);
            }
            throw new UsageException("unknown option " + Quote.of(optionName(first)) + " (see 'om help')");
        }
        String selector = args.get(0);
        OmVerb verb = longestVerb(words, 1);
        if (verb == null) {
            misplacedBefore(args, words);
            if (words.size() == 1) {
                if (args.stream().skip(1).anyMatch(CommandLineParser::isHelp)) {
                    return parse(List.of("--help"));
                }
                throw new UsageException("missing verb after " + Quote.of(selector) + " (see 'om help')");
            }
            throw new UsageException("unknown verb " + Quote.of(String.join(" ", words.subList(1, words.size())))
                    + " (see 'om help')");
        }
        if (verb.selector() == SelectorUse.NONE) {
            throw new UsageException("'" + words(verb) + "' takes no selector (om " + words(verb) + ")");
        }
        return read(args, 1, selector, verb);
    }

    /**
     * When the verb comes later among the words, an option of no verb took a value word for the verb
     * ({@code om web1 --time 5m start}): name that option for that verb rather than the value as a verb.
     */
    private void misplacedBefore(List<String> args, List<String> words) {
        for (int k = 2; k < words.size(); k++) {
            OmVerb later = longestVerb(words, k);
            if (later != null) {
                for (int i = 1; i < args.size(); i++) {
                    String a = args.get(i);
                    if (a.startsWith("-") && !a.equals("-")) {
                        String name = optionName(a);
                        if (!valued.contains(name) && !name.equals(HELP.name())
                                && later.options().stream().noneMatch(o -> o.name().equals(name))) {
                            throw unknownOption(name, later);
                        }
                    }
                }
                return;
            }
        }
    }

    /** Reads the options of {@code args} from {@code from} against the verb's own declarations. */
    private Parsed read(List<String> args, int from, String selector, OmVerb verb) {
        Map<String, OptionSpec> declared = new LinkedHashMap<>();
        declared.put(HELP.name(), HELP);
        verb.options().forEach(o -> declared.put(o.name(), o));
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = from; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-")) {
                positional.add(a);
                continue;
            }
            String name = optionName(a);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
            }
            OptionSpec spec = declared.get(name);
            if (spec == null) {
                throw unknownOption(name, verb);
            }
            if (spec.takesValue() && value == null) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("option " + name + " needs a value");
                }
                value = args.get(++i);
            }
            try {
                spec.check(value);
            } catch (om.api.OmException e) {
                throw new UsageException(e.getMessage());
            }
            List<String> values = options.computeIfAbsent(name, k -> new ArrayList<>());
            if (!values.isEmpty() && !spec.repeatable()) {
                throw new UsageException("option " + name + " given more than once");
            }
            values.add(value == null ? "" : value);
        }
        int n = verb.words().size();
        if (positional.size() < n || !positional.subList(0, n).equals(verb.words())) {
            // an option read as valued while finding the verb is a flag of this verb: the words moved
            throw new UsageException("cannot read the command line for '" + words(verb) + "' (see 'om help "
                    + words(verb) + "')");
        }
        List<String> arguments = positional.subList(n, positional.size());
        if (!arguments.isEmpty() && verb.arguments().isEmpty()) {
            throw new UsageException("unexpected argument " + Quote.of(arguments.get(0)) + " for '" + words(verb)
                    + "'");
        }
        return new Parsed(verb, new VerbRequest(selector, verb.words(), options, arguments));
    }

    /** The indexes of the words that are not options or option values, skipping values as any verb would. */
    private List<Integer> positions(List<String> args) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-")) {
                out.add(i);
            } else if (a.startsWith("--") && a.indexOf('=') < 0 && valued.contains(a)) {
                i++;
            }
        }
        return out;
    }

    /** The verb with the most words matching {@code words} from {@code from}, null when none does. */
    private OmVerb longestVerb(List<String> words, int from) {
        OmVerb best = null;
        for (int n = 1; from + n <= words.size(); n++) {
            OmVerb v = verbs.get(String.join(" ", words.subList(from, from + n)));
            if (v != null) {
                best = v;
            }
        }
        return best;
    }

    private static boolean isHelp(String a) {
        return a.equals("-h") || a.equals("--help");
    }

    private static String optionName(String a) {
        if (a.equals("-h")) {
            return "--help";
        }
        int eq = a.indexOf('=');
        return a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
    }

    static String words(OmVerb verb) {
        return String.join(" ", verb.words());
    }

    private static UsageException unknownOption(String name, OmVerb verb) {
        return new UsageException("unknown option " + Quote.of(name) + " for '" + words(verb) + "'");
    }

    /** For tests and completion: the verbs known. */
    public Collection<OmVerb> verbs() {
        return verbs.values();
    }
}
