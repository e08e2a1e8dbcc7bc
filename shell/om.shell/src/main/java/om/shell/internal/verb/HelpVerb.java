package om.shell.internal.verb;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import om.api.Quote;
import om.api.cli.OmVerb;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Usage;
import om.shell.internal.UsageException;
import om.shell.internal.Verb;

/** {@code om help [<verb>]}: the verbs, or the usage of one, generated from the declarations. */
public final class HelpVerb implements Verb {
    private final Supplier<Map<String, OmVerb>> verbs;

    /** @param verbs the verbs known at the time of the call, by their words joined by a space */
    public HelpVerb(Supplier<Map<String, OmVerb>> verbs) {
        this.verbs = verbs;
    }

    @Override
    public int run(VerbRequest request, Session session) {
        if (!request.arguments().isEmpty()) {
            String topic = String.join(" ", request.arguments());
            OmVerb v = verbs.get().get(topic);
            if (v == null) {
                throw new UsageException("unknown verb " + Quote.of(topic) + " (see 'om help')");
            }
            session.out().println(Usage.of(v));
            return 0;
        }
        session.out().print(overview(verbs.get()));
        return 0;
    }

    /** The overview of {@code om help}, also printed (to stderr) for {@code om} alone. */
    public static String overview(Map<String, OmVerb> verbs) {
        StringBuilder b = new StringBuilder();
        b.append("usage: om [<selector>] <verb> [options]\n\n");
        b.append("Selectors: a path (web1, vol/data1, ns1/svc/web1), a list (a,b), a glob ('*', '**', 'ns1/**'),\n");
        b.append("or keyword filters ('app.timeout>1', 'ip:+task:', '!monitor_schedule'). Quote them.\n\n");
        b.append("Verbs:\n");
        // one column for every summary: the widest verb sets it (node and cluster verbs are three words long)
        Map<String, OmVerb> listed = new java.util.LinkedHashMap<>();
        verbs.forEach((k, v) -> {
            if (!(v instanceof Verb own) || own.listed()) {
                listed.put(k, v);
            }
        });
        int width = listed.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, OmVerb> e : listed.entrySet()) {
            b.append("  ").append(e.getKey()).append(" ".repeat(width - e.getKey().length() + 1))
                    .append(e.getValue().summary()).append('\n');
        }
        b.append("\nRun 'om <verb> --help' or 'om help <verb>' for the options of a verb.\n");
        return b.toString();
    }

    @Override
    public List<String> words() {
        return List.of("help");
    }

    @Override
    public String summary() {
        return "this help, or the usage of a verb";
    }

    @Override
    public SelectorUse selector() {
        return SelectorUse.NONE;
    }

    @Override
    public String arguments() {
        return "[<verb>]";
    }
}
