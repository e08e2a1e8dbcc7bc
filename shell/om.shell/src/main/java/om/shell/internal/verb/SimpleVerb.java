package om.shell.internal.verb;

import java.util.List;
import om.api.cli.OptionSpec;
import om.api.cli.SelectorUse;
import om.api.cli.VerbRequest;
import om.shell.internal.Session;
import om.shell.internal.Verb;

/** A verb made of its declarations and a body, for the verbs that need no state of their own. */
record SimpleVerb(List<String> words, String summary, SelectorUse selector, String selectorName,
                  List<OptionSpec> options, String description, Body body) implements Verb {
    @FunctionalInterface
    interface Body {
        int run(VerbRequest request, Session session);
    }

    SimpleVerb {
        words = List.copyOf(words);
        options = List.copyOf(options);
    }

    static SimpleVerb of(String words, String summary, SelectorUse selector, List<OptionSpec> options,
                         String description, Body body) {
        return new SimpleVerb(List.of(words.split(" ")), summary, selector, "<selector>", options, description,
                body);
    }

    /** The same verb on one object: the usage names the selector {@code <path>}. */
    SimpleVerb onPath() {
        return new SimpleVerb(words, summary, selector, "<path>", options, description, body);
    }

    @Override
    public int run(VerbRequest request, Session session) {
        return body.run(request, session);
    }
}
