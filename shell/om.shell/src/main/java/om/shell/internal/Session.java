package om.shell.internal;

import java.io.PrintStream;
import om.api.cli.Invocation;
import om.api.cli.VerbContext;
import om.api.cli.VerbRequest;

/** A running command: the caller's streams and terminal, and the services. */
public record Session(Invocation invocation, Services services) implements VerbContext {
    /** The longest error line printed; the rest of a huge echoed input is left out. */
    static final int MAX_ERROR_LINE = 400;

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

    /** {@code --color yes|no|auto} of a verb that declares it; auto (or absent) is {@link #color()}. */
    public boolean color(VerbRequest request) {
        String c = request.option("--color");
        return c == null || c.equals("auto") ? color() : c.equals("yes");
    }

    /**
     * Prints {@code error: <message>} on stderr, control characters escaped and shortened to one bounded line:
     * messages may quote what the caller typed.
     */
    public void error(String message) {
        err().println(errorLine(message));
    }

    /** {@code warning: <message>} on stderr, made safe as {@link #error(String)} does. */
    public void warning(String message) {
        err().println("warning: " + om.api.Quote.line(message, MAX_ERROR_LINE));
    }

    /** The one rule for error lines (also used by the runner for the error that ends a command). */
    public static String errorLine(String message) {
        return "error: " + om.api.Quote.line(message, MAX_ERROR_LINE);
    }

    /** The objects a selector names, evaluated under this command's cancellation. */
    public java.util.List<om.api.ObjectPath> select(String expression) {
        return services.select(expression, invocation.cancel());
    }

    @Override
    public String node() {
        return services.installation().nodename();
    }
}
