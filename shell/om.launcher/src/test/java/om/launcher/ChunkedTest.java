package om.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedTest {
    @Test
    void eachFlushIsOneChunkAndCloseTheLastOne() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Chunked.Out out = new Chunked.Out(wire);
        out.write("hello ".getBytes(StandardCharsets.US_ASCII));
        out.write("world".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        out.flush();
        out.write(new byte[26]);
        out.flush();
        out.close();
        out.close();
        assertEquals("b\r\nhello world\r\n1a\r\n" + "\0".repeat(26) + "\r\n0\r\n\r\n", wire.toString(
                StandardCharsets.ISO_8859_1));
        assertThrows(IOException.class, () -> out.write(1));
    }

    @Test
    void aChunkIsReadWithoutWaitingForTheCrlfThatEndsIt() throws IOException {
        // what Jetty sends: the CRLF after a chunk's data comes with the next chunk; a reader that waited for it
        // would hold up the frame already there (here: the stream has nothing after the first chunk's data)
        InputStream in = new Chunked.In(new ByteArrayInputStream("5\r\nhello".getBytes(StandardCharsets.US_ASCII)));
        assertArrayEquals("hello".getBytes(StandardCharsets.US_ASCII), in.readNBytes(5));
    }

    @Test
    void chunksExtensionsAndTrailersAreReadToTheEnd() throws IOException {
        String body = "3;name=x\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n";
        InputStream in = new Chunked.In(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("abcde", new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        assertEquals(-1, in.read());
    }

    @Test
    void aBrokenBodyIsAnError() {
        assertThrows(IOException.class, () -> new Chunked.In(new ByteArrayInputStream("zz\r\n".getBytes(
                StandardCharsets.US_ASCII))).read());
        assertThrows(IOException.class, () -> new Chunked.In(new ByteArrayInputStream("5\r\nab".getBytes(
                StandardCharsets.US_ASCII))).readAllBytes());
        assertThrows(IOException.class, () -> new Chunked.In(new ByteArrayInputStream("2\r\nabXX1\r\nc".getBytes(
                StandardCharsets.US_ASCII))).readAllBytes());
    }
}
