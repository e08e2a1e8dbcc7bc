package om.daemon.internal.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * The client's stdin as the command's InputStream. Nothing is sent unasked: a read with no data buffered asks the
 * client for up to {@link Frame#INPUT_CHUNK} bytes ({@code R}), and the client answers with one {@code I} frame
 * (what one read of its stdin gave) or {@code D} at its end of input. So stdin costs nothing when the command does not read it, and at most one chunk
 * is buffered (the back-pressure).
 */
final class BridgeInput extends InputStream {
    private final FrameWriter writer;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private byte[] current = new byte[0];
    private int pos;
    private int asked;
    private boolean ended;
    private String failure;

    BridgeInput(FrameWriter writer) {
        this.writer = writer;
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
        synchronized (this) {
            while (true) {
                if (pos < current.length) {
                    int n = Math.min(len, current.length - pos);
                    System.arraycopy(current, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (!chunks.isEmpty()) {
                    current = chunks.poll();
                    pos = 0;
                    continue;
                }
                if (failure != null) {
                    throw new InterruptedIOException("stdin: " + failure);
                }
                if (ended) {
                    return -1;
                }
                if (asked == 0) {
                    asked = Frame.INPUT_CHUNK;
                    break;
                }
                await();
            }
        }
        // outside the lock: a slow client must not keep the watcher from delivering frames or the hang-up
        writer.write(Frame.READ, Integer.toString(Frame.INPUT_CHUNK));
        return read(b, off, len);
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stdin: interrupted");
        }
    }

    /** An {@code I} frame, the one answer to an {@code R}; an unasked or longer one is a broken client. */
    synchronized void offer(byte[] data) throws ProtocolException {
        if (asked == 0 || data.length > asked) {
            throw new ProtocolException("stdin frame not asked for");
        }
        asked = 0;
        if (data.length == 0) {
            return;
        }
        chunks.add(data);
        notifyAll();
    }

    /** {@code D}: the client's stdin ended. */
    synchronized void end() {
        ended = true;
        asked = 0;
        notifyAll();
    }

    /** The command was cancelled or the client left: a read fails rather than seeing a short input as complete. */
    synchronized void fail(String reason) {
        if (failure == null && !ended) {
            failure = reason;
        }
        notifyAll();
    }
}
