package om.daemon.internal.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames; synchronized because a command may write stdout and stderr from several threads and frames must
 * never interleave.
 */
final class FrameWriter {
    private final OutputStream out;

    FrameWriter(OutputStream out) {
        this.out = out;
    }

    synchronized void write(byte type, byte[] b, int off, int len) throws IOException {
        byte[] header = {type, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
        out.write(header);
        out.write(b, off, len);
        out.flush();
    }

    void write(byte type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        write(type, b, 0, b.length);
    }
}
