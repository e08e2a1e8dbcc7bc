package om.shell.internal.verb;

import java.util.Map;
import om.shell.internal.Request;
import om.shell.internal.Session;
import om.shell.internal.Verb;

/** {@code om help}: the verbs and how to get their options. */
public final class HelpVerb implements Verb {
    private final Map<String, Verb> verbs;

    public HelpVerb(Map<String, Verb> verbs) {
        this.verbs = verbs;
    }

    @Override
    public int run(Request request, Session session) {
        StringBuilder b = new StringBuilder();
        b.append("usage: om [<selector>] <verb> [options]\n\n");
        b.append("Selectors: a path (web1, vol/data1, ns1/svc/web1), a list (a,b), a glob ('*', '**', 'ns1/**'),\n");
        b.append("or keyword filters ('app.timeout>1', 'ip:+task:', '!monitor_schedule'). Quote them.\n\n");
        b.append("Verbs:\n");
        for (Map.Entry<String, Verb> e : verbs.entrySet()) {
            b.append(String.format("  %-17s %s%n", e.getKey(), e.getKey().equals("help") ? summary()
                    : e.getValue().summary()));
        }
        b.append("\nRun 'om <verb> --help' for the options of a verb.\n");
        session.out().print(b);
        return 0;
    }

    @Override
    public String summary() {
        return "this help";
    }

    @Override
    public String usage() {
        return "usage: om help";
    }
}
