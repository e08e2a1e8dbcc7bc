package om.api.driver;

import java.time.Duration;

/** How a process ended. {@code exitCode} is -1 when it could not start or timed out. */
public record ExecResult(int exitCode, boolean timedOut, String stdout, String stderr, Duration elapsed,
                         String error) {
    public boolean ok() {
        return exitCode == 0 && !timedOut && error == null;
    }
}
