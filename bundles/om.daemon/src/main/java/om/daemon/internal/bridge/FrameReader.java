package om.daemon.internal.bridge;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Reads frames: 1 type byte, 4 bytes big-endian payload length, payload. */
final class FrameReader {
    private final DataInputStream in;

    FrameReader(InputStream in) {
        this.in = new DataInputStream(in);
    }

    /** The next frame, or null when the stream ends cleanly between frames. */
    Frame read() throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new ProtocolException("truncated frame header");
        }
        if (length < 0 || length > Frame.MAX_PAYLOAD) {
            throw new ProtocolException("frame too large (" + Integer.toUnsignedString(length) + " bytes)");
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new ProtocolException("truncated frame payload");
        }
        return new Frame((byte) type, payload);
    }
}
