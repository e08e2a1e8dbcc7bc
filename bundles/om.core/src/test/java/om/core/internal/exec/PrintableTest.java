package om.core.internal.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void progressOutputIsFlattenedAsATerminalWouldShowIt() {
        assertEquals("Discarding device blocks: done",
                ProcessExecutor.printable("Discarding device blocks: " + "    0/65536" + "\b".repeat(11) + "done"));
        assertEquals("a\tb", ProcessExecutor.printable("a\tb\u0007\u001b"));
        assertEquals("plain", ProcessExecutor.printable("plain"));
    }
}
