package om.daemon.internal.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    @Test
    void writesTypeBigEndianLengthAndPayload() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new FrameWriter(bytes).write(Frame.ARG, "héllo");
        byte[] payload = "héllo".getBytes(StandardCharsets.UTF_8);
        byte[] expected = new byte[5 + payload.length];
        expected[0] = 'A';
        expected[4] = (byte) payload.length;
        System.arraycopy(payload, 0, expected, 5, payload.length);
        assertArrayEquals(expected, bytes.toByteArray());
    }

    @Test
    void roundTripsFramesAndEndsCleanly() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameWriter w = new FrameWriter(bytes);
        w.write(Frame.VERSION, "1");
        w.write(Frame.ARG, "");
        byte[] big = new byte[300_000];
        Arrays.fill(big, (byte) 'x');
        w.write(Frame.STDOUT, big, 0, big.length);
        FrameReader r = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals("1", r.read().text());
        Frame empty = r.read();
        assertEquals(Frame.ARG, empty.type());
        assertEquals(0, empty.payload().length);
        assertArrayEquals(big, r.read().payload());
        assertNull(r.read());
    }

    @Test
    void rejectsTruncatedAndOversizedFrames() {
        byte[] truncatedHeader = {'A', 0, 0};
        assertThrows(ProtocolException.class,
                () -> new FrameReader(new ByteArrayInputStream(truncatedHeader)).read());
        byte[] truncatedPayload = {'A', 0, 0, 0, 5, 'a', 'b'};
        assertThrows(ProtocolException.class,
                () -> new FrameReader(new ByteArrayInputStream(truncatedPayload)).read());
        byte[] huge = {'A', 0x7f, 0, 0, 0};
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new FrameReader(new ByteArrayInputStream(huge)).read());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void outputStreamSplitsLargeWritesIntoReadableFrames() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameOutputStream out = new FrameOutputStream(new FrameWriter(bytes), Frame.STDERR);
        byte[] data = new byte[BridgeSettings.DEFAULT_REQUEST_MAX_BYTES + 10];
        out.write(data);
        out.write('!');
        FrameReader r = new FrameReader(new ByteArrayInputStream(bytes.toByteArray()));
        int total = 0;
        Frame f;
        Frame last = null;
        while ((f = r.read()) != null) {
            assertEquals(Frame.STDERR, f.type());
            total += f.payload().length;
            last = f;
        }
        assertEquals(data.length + 1, total);
        assertEquals("!", last.text());
    }
}
