package om.daemon.internal.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeRequestTest {
    private static final Path DEFAULT_CWD = Path.of("/default");

    private static BridgeRequest parse(String... typeAndText) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(bytes);
        for (int i = 0; i < typeAndText.length; i += 2) {
            w.write((byte) typeAndText[i].charAt(0), typeAndText[i + 1]);
        }
        return BridgeRequest.read(new FrameReader(new ByteArrayInputStream(bytes.toByteArray())), DEFAULT_CWD);
    }

    @Test
    void collectsArgsInOrderAndTerminalFacts() throws IOException {
        BridgeRequest r = parse("V", "1", "A", "*", "A", "print", "A", "status", "C", "/tmp",
                "E", "OM_ROOT=/x=y", "E", "TERM=xterm", "T", "1", "W", "132", "G", "");
        assertEquals(List.of("*", "print", "status"), r.args());
        assertEquals(Path.of("/tmp"), r.cwd());
        assertEquals(Map.of("OM_ROOT", "/x=y", "TERM", "xterm"), r.env());
        assertTrue(r.tty());
        assertEquals(132, r.width());
    }

    @Test
    void defaultsWhenFactsAreMissingOrBad() throws IOException {
        BridgeRequest r = parse("V", "1", "C", "relative", "W", "wide", "E", "NOEQUALS", "Z", "future", "G", "");
        assertEquals(List.of(), r.args());
        assertEquals(DEFAULT_CWD, r.cwd());
        assertEquals(Map.of(), r.env());
        assertFalse(r.tty());
        assertEquals(0, r.width());
    }

    @Test
    void versionMustComeFirstAndMatch() {
        ProtocolException missing = assertThrows(ProtocolException.class, () -> parse("A", "ls", "G", ""));
        assertTrue(missing.getMessage().contains("version"), missing.getMessage());
        ProtocolException wrong = assertThrows(ProtocolException.class, () -> parse("V", "2", "G", ""));
        assertTrue(wrong.getMessage().contains("unsupported protocol version '2'"), wrong.getMessage());
    }

    @Test
    void anotherProtocolIsToldSoNotThatItsFrameIsTooLarge() {
        // "GET / HTTP/1.0": type 'G', then "ET /" read as a 1 GiB length
        byte[] http = "GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> BridgeRequest.read(new FrameReader(new ByteArrayInputStream(http)), DEFAULT_CWD));
        assertEquals("expected a protocol version frame first", e.getMessage());
    }

    @Test
    void requestWithoutGoIsAnError() {
        assertThrows(ProtocolException.class, () -> parse("V", "1", "A", "ls"));
        assertThrows(ProtocolException.class, () -> parse());
    }
}
