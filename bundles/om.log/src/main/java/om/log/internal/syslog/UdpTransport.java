package om.log.internal.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/** One datagram per message to {@code host:port} (RFC 5426). */
final class UdpTransport implements SyslogTransport {
    private final String host;
    private final int port;
    private final DatagramChannel channel;
    private InetSocketAddress target;

    UdpTransport(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.channel = DatagramChannel.open();
    }

    @Override
    public void send(SyslogMessage m) throws IOException {
        if (target == null || target.isUnresolved()) {
            // resolve lazily and again after a failure: DNS may come back after the sink started
            target = new InetSocketAddress(host, port);
            if (target.isUnresolved()) {
                throw new IOException("cannot resolve syslog host " + host);
            }
        }
        channel.send(ByteBuffer.wrap(m.framed().getBytes(StandardCharsets.UTF_8)), target);
    }

    @Override
    public String describe() {
        return "udp://" + host + ":" + port;
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
