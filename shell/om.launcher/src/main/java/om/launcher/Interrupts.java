package om.launcher;

import java.util.function.Consumer;

/**
 * SIGINT and SIGTERM for the Java client: the JVM's default is to exit at once (130, 143), which would leave a
 * command running in the daemon or a child process of the embedded framework orphaned. {@code sun.misc.Signal} is
 * the one way the JDK offers; when it is not there, the caller's shutdown hook is the fallback.
 */
final class Interrupts {
    private Interrupts() {
    }

    /** Calls {@code handler} with "INT" or "TERM" on its own thread at each signal; false when not possible. */
    static boolean install(Consumer<String> handler) {
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.accept(s.getName()));
            }
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }

    /** Back to the JVM's own handling (the embedded JVM ends by the usual path once its command returned). */
    static void restore() {
        try {
            for (String name : new String[] {"INT", "TERM"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sun.misc.SignalHandler.SIG_DFL);
            }
        } catch (IllegalArgumentException | LinkageError e) {
            // nothing was installed
        }
    }
}
