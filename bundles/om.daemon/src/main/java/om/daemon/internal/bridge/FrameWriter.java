package om.daemon.internal.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames; synchronized because a command may write stdout and stderr from several threads and frames must
 * never interleave. Once {@link #breakOff() broken off} (the client left) every write fails, so a command's
 * {@code PrintStream.checkError()} turns true even when it has nothing to print.
 */
final class FrameWriter {
    private final OutputStream out;
    private volatile boolean broken;

    FrameWriter(OutputStream out) {
        this.out = out;
    }

    synchronized void write(byte type, byte[] b, int off, int len) throws IOException {
        check();
        byte[] header = {type, (byte) (len >>> 24), (byte) (len >>> 16), (byte) (len >>> 8), (byte) len};
        out.write(header);
        out.write(b, off, len);
        out.flush();
    }

    void write(byte type, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        write(type, b, 0, b.length);
    }

    void breakOff() {
        broken = true;
    }

    void check() throws IOException {
        if (broken) {
            throw new IOException("the client went away");
        }
    }
}
