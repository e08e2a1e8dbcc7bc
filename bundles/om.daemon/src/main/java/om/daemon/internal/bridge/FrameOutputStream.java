package om.daemon.internal.bridge;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An unbuffered stream turning every write into one frame of the given type, so output reaches the client as it is
 * produced (PrintStream already batches a print call into one write).
 */
final class FrameOutputStream extends OutputStream {
    private static final int CHUNK = 64 * 1024;
    private final FrameWriter writer;
    private final byte type;

    FrameOutputStream(FrameWriter writer, byte type) {
        this.writer = writer;
        this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
        writer.write(type, new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // chunks keep every frame under the size a reader accepts
        for (int done = 0; done < len; done += CHUNK) {
            writer.write(type, b, off + done, Math.min(CHUNK, len - done));
        }
    }

    /** Fails once the client left: what makes {@code checkError()} of a silent follow/watch loop turn true. */
    @Override
    public void flush() throws IOException {
        writer.check();
    }
}
