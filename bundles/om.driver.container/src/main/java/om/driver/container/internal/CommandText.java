package om.driver.container.internal;

import java.util.List;
import java.util.stream.Collectors;

/** A command line as logged: words joined by spaces, quoted only when a shell would need it to read it back. */
public final class CommandText {
    private CommandText() {
    }

    public static String of(List<String> argv) {
        return argv.stream().map(CommandText::quote).collect(Collectors.joining(" "));
    }

    static String quote(String w) {
        if (!w.isEmpty() && w.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,@%+#".indexOf(c) >= 0)) {
            return w;
        }
        return "'" + w.replace("'", "'\\''") + "'";
    }
}
