package om.api.driver;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A command line as the action log shows it ({@code exec <command> as user <user>}, {@code mount -t ext4 ...}):
 * words joined by spaces, each quoted only when a shell would need it to read the line back as the same command.
 * One rule for every driver.
 */
public final class CommandText {
    private CommandText() {
    }

    public static String of(List<String> argv) {
        return argv.stream().map(CommandText::quote).collect(Collectors.joining(" "));
    }

    /** The word as is when it holds only safe characters, else in single quotes. */
    public static String quote(String w) {
        if (!w.isEmpty() && w.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,@%+#".indexOf(c) >= 0)) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }
}
