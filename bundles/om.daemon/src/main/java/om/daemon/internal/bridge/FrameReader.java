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

    /**
     * The next frame, or null when the stream ends cleanly between frames.
     *
     * @param maxPayload checked against the header before anything is allocated, so a peer announcing a huge frame
     *                   costs nothing
     * @param tooLarge   the message of the ProtocolException thrown for a longer payload
     */
    Frame read(int maxPayload, String tooLarge) throws IOException {
        return read(maxPayload, tooLarge, -1, null);
    }

    /**
     * As {@link #read(int, String)}, and a frame of another type than {@code expected} (when not negative) fails
     * with {@code unexpected} from its type byte, before its length is looked at: a peer speaking another protocol
     * (an HTTP request on this socket) is told that, not that its "frame" is too large.
     */
    Frame read(int maxPayload, String tooLarge, int expected, String unexpected) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        if (expected >= 0 && type != expected) {
            throw new ProtocolException(unexpected);
        }
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            throw new ProtocolException("truncated frame header");
        }
        if (length < 0 || length > maxPayload) {
            throw new ProtocolException(tooLarge);
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new ProtocolException("truncated frame payload");
        }
        return new Frame((byte) type, payload);
    }

    /** A frame of at most 1 MiB. */
    Frame read() throws IOException {
        return read(BridgeSettings.DEFAULT_REQUEST_MAX_BYTES, "frame too large");
    }
}
