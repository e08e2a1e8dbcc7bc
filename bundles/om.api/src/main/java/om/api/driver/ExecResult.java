package om.api.driver;

import java.time.Duration;

/** How a process ended. {@code exitCode} is -1 when it could not start or timed out. */
public record ExecResult(int exitCode, boolean timedOut, String stdout, String stderr, Duration elapsed,
                         String error) {
    public boolean ok() {
        return exitCode == 0 && !timedOut && error == null;
    }

    /**
     * The one-line cause of a failed run, for error messages: the timeout, the start error, else the last
     * meaningful stderr line (not a tool's "see dmesg" hint) with the exit code.
     */
    public String reason(java.time.Duration timeout) {
        if (timedOut) {
            return "timed out after " + om.api.config.Values.formatDuration(timeout);
        }
        if (error != null) {
            return error;
        }
        String last = (stderr == null ? "" : stderr).lines().map(String::strip).filter(l -> !l.isEmpty())
                .filter(l -> !l.startsWith("dmesg(1) may have more information"))
                .reduce((a, b) -> b).orElse("");
        return last.isEmpty() ? "exit code " + exitCode : last + " (exit code " + exitCode + ")";
    }
}
