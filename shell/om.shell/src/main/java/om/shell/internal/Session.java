package om.shell.internal;

import java.io.PrintStream;
import om.api.cli.Invocation;

/** A running command: the caller's streams and terminal, and the services. */
public record Session(Invocation invocation, Services services) {
    public PrintStream out() {
        return invocation.out();
    }

    public PrintStream err() {
        return invocation.err();
    }

    /** Colours only for a terminal, and never when NO_COLOR is set. */
    public boolean color() {
        return invocation.tty() && !invocation.env().containsKey("NO_COLOR");
    }

    public String node() {
        return services.installation().nodename();
    }
}
