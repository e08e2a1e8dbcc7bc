package om.log.internal.syslog;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A local syslog socket of stream type (syslog-ng {@code unix-stream()}), one newline-terminated message per line.
 * Java 17 has no Unix datagram channel, so a datagram {@code /dev/log} (rsyslog, journald) refuses this
 * connection and {@link LoggerTransport} takes over.
 */
final class UnixStreamTransport implements SyslogTransport {
    private final Path socket;
    private final SocketChannel channel;

    UnixStreamTransport(Path socket) throws IOException {
        this.socket = socket;
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        this.channel = ch;
    }

    @Override
    public void send(SyslogMessage m) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap((m.framed() + "\n").getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    @Override
    public String describe() {
        return "unix-stream://" + socket;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
