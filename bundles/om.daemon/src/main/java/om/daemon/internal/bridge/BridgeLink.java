package om.daemon.internal.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;

/**
 * What carries one bridge session: the client's frames in, the daemon's frames out. The Unix socket is one carrier
 * ({@link #of(SocketChannel)}); the node API's {@code POST /api/cli} exchange over TLS is the other (the request
 * body in, the response body out), so both run the same request reading, command execution, stdin, signals and
 * hang-up handling of {@link BridgeConnection}.
 */
public interface BridgeLink {
    /** The client's frames; one thread (the request reader, then the watcher) reads it while others write. */
    InputStream in();

    /** The daemon's frames; {@link FrameWriter} flushes after each, so output reaches the client as produced. */
    OutputStream out();

    /**
     * No more output: what a refusal does before it drains what the client still sends (closing a Unix socket
     * with unread data resets it, and the client would lose the answer).
     */
    void endOutput() throws IOException;

    /**
     * Ends the link, unblocking a read where the carrier allows it (a socket does; a servlet exchange ends when its
     * request returns, and its server's idle timeout ends a silent client).
     */
    void close();

    /** The Unix socket carrier. */
    static BridgeLink of(SocketChannel channel) {
        InputStream in = ChannelStreams.in(channel);
        OutputStream out = ChannelStreams.out(channel);
        return new BridgeLink() {
            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public void endOutput() throws IOException {
                channel.shutdownOutput();
            }

            @Override
            public void close() {
                try {
                    channel.close();
                } catch (IOException e) {
                    // already closed
                }
            }
        };
    }
}
