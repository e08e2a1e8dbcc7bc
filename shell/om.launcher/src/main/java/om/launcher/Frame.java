package om.launcher;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** One bridge frame (see PROTOCOL.md): 1 type byte, 4 bytes big-endian payload length, payload. */
record Frame(byte type, byte[] payload) {
    static final byte VERSION = 'V';
    static final byte ARG = 'A';
    static final byte CWD = 'C';
    static final byte ENV = 'E';
    static final byte TTY = 'T';
    static final byte WIDTH = 'W';
    static final byte FEATURES = 'F';
    static final byte GO = 'G';
    static final byte INPUT = 'I';
    static final byte INPUT_END = 'D';
    static final byte SIGNAL = 'S';
    /** Client to daemon, empty, ignored: keeps a remote session's exchange from the server's idle timeout. */
    static final byte KEEP_ALIVE = 'P';
    static final byte STARTED = 'K';
    static final byte READ = 'R';
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte EXIT = 'X';

    /** The daemon sends output in chunks far below this; anything bigger is a broken peer. */
    static final int MAX_PAYLOAD = 16 << 20;

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    static void write(OutputStream out, byte type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        write(out, type, b, b.length);
    }

    static void write(OutputStream out, byte type, byte[] b, int n) throws IOException {
        out.write(new byte[] {type, (byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.write(b, 0, n);
    }

    /** The next frame, or null when the stream ends between frames. */
    static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        try {
            int length = in.readInt();
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new IOException("frame too large (" + Integer.toUnsignedString(length) + " bytes)");
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new Frame((byte) type, payload);
        } catch (EOFException e) {
            throw new IOException("truncated frame");
        }
    }
}
