package om.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import om.api.action.LogEvent;
import om.api.status.Level;
import org.junit.jupiter.api.Test;

class ConsoleLogTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ConsoleLog console = new ConsoleLog(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), false, false);

    private static LogEvent event(Level level, String message) {
        return new LogEvent(Instant.now(), level, "n1", "web1", "app#1", "start", message);
    }

    @Test
    void aMultiLineValueStaysOnePrefixedLine() {
        console.log(event(Level.INFO, "exec /bin/sh -c 'echo a\necho b'"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(1, lines.length);
        assertEquals("n1.web1.app#1", lines[0].substring(0, 13));
        assertEquals("exec /bin/sh -c 'echo a\\necho b'", lines[0].substring(24));
    }

    @Test
    void terminalEscapesAreShownNotSentAndTabsStay() {
        console.log(event(Level.WARN, "out\u001b[2J\tcol\r\n"));
        assertEquals("W out\\x1b[2J\tcol\n", err.toString(StandardCharsets.UTF_8).substring(24));
    }
}
