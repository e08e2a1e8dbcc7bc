package om.shell.internal.verb;

import om.shell.internal.Request;
import om.shell.internal.Session;
import om.shell.internal.Verb;

/** A verb made of a body and its help texts, for the verbs that need no state of their own. */
record SimpleVerb(Body body, String summary, String usage) implements Verb {
    @FunctionalInterface
    interface Body {
        int run(Request request, Session session);
    }

    @Override
    public int run(Request request, Session session) {
        return body.run(request, session);
    }
}
