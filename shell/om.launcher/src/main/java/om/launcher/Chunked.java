package om.launcher;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 chunked transfer coding (RFC 9112 section 7.1), both ways, for the one streaming exchange of
 * {@code om --server}: each flush is a chunk on the wire, so a frame leaves at once.
 */
final class Chunked {
    private Chunked() {
    }

    /** Writes go to a buffer; {@link #flush()} sends it as one chunk; {@link #close()} sends the last chunk. */
    static final class Out extends OutputStream {
        private final OutputStream wire;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean closed;

        Out(OutputStream wire) {
            this.wire = wire;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            check();
            pending.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            check();
            pending.write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            check();
            if (pending.size() > 0) {
                wire.write((Integer.toHexString(pending.size()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                pending.writeTo(wire);
                wire.write(CRLF);
                pending.reset();
            }
            wire.flush();
        }

        /** The last chunk: the request body ends (the server reads an end of input). */
        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            flush();
            closed = true;
            wire.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            wire.flush();
        }

        private void check() throws IOException {
            if (closed) {
                throw new IOException("request body closed");
            }
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /**
     * Reads a chunked body. The CRLF after a chunk's data is read only when the next chunk is wanted: a server
     * may send it with the next chunk (Jetty does), and waiting for it would hold up the data already there.
     */
    static final class In extends InputStream {
        private final InputStream wire;
        private long left;
        private boolean first = true;
        private boolean ended;

        In(InputStream wire) {
            this.wire = wire;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left == 0 && !nextChunk()) {
                return -1;
            }
            int n = wire.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("the connection ended inside a chunk");
            }
            left -= n;
            return n;
        }

        private boolean nextChunk() throws IOException {
            if (ended) {
                return false;
            }
            if (!first && !line(wire).isEmpty()) {
                throw new IOException("malformed chunked body: no CRLF after a chunk");
            }
            first = false;
            String size = line(wire);
            int semi = size.indexOf(';');
            try {
                left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size '" + size + "'");
            }
            if (left < 0) {
                throw new IOException("malformed chunk size '" + size + "'");
            }
            if (left == 0) {
                // trailers, up to the empty line
                while (!line(wire).isEmpty()) {
                    // ignored
                }
                ended = true;
                return false;
            }
            return true;
        }
    }

    /** One line without its CRLF (at most 8 KiB); the end of the stream before it is an error. */
    static String line(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (b.length() == 0) {
                    throw new EOFException("the connection ended");
                }
                return b.toString();
            }
            if (c == '\n') {
                int n = b.length();
                return n > 0 && b.charAt(n - 1) == '\r' ? b.substring(0, n - 1) : b.toString();
            }
            if (b.length() >= 8192) {
                throw new IOException("line too long");
            }
            b.append((char) c);
        }
    }
}
