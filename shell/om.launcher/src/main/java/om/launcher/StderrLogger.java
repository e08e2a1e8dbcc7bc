package om.launcher;

import org.apache.felix.framework.Logger;

/** Felix's own messages go to stderr: stdout belongs to the command's data. */
final class StderrLogger extends Logger {
    @Override
    protected void doLogOut(int level, String message, Throwable throwable) {
        System.err.println("felix: " + message + (throwable == null ? "" : ": " + throwable));
    }
}
