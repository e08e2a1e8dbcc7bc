package om.hb.unicast.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import om.api.cluster.HeartbeatConfig;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/** The socket settings and endpoint names both threads share. */
final class Zmtp {
    /** Larger messages are refused by JeroMQ (the connection dropped): garbage cannot exhaust the memory. */
    static final long MAX_MESSAGE = 64L << 20;
    // a ZMTP handshake is a few round trips: a second is plenty on a cluster's networks
    private static final int HANDSHAKE_MS = 1000;

    private Zmtp() {
    }

    /**
     * Common options: no linger (a stopped heartbeat drops what it had queued, the daemon sends fresh data), and
     * ZMTP heartbeats so a connection whose peer went silent (cable cut, host frozen) is closed within a third of
     * the heartbeat's timeout: the tx then reports the peer not sent instead of queueing into a dead connection.
     */
    static void tune(ZMQ.Socket s, HeartbeatConfig config) {
        int timeout = (int) clamp(config.timeout().dividedBy(3), Duration.ofMillis(600), Duration.ofSeconds(5))
                .toMillis();
        s.setLinger(0);
        s.setHeartbeatIvl(timeout / 3);
        s.setHeartbeatTimeout(timeout);
        s.setHeartbeatTtl(timeout);
        s.setMaxMsgSize(MAX_MESSAGE);
        // JeroMQ 0.6.0 leaves about 1 in 50 fresh outgoing connections stuck before the ZMTP greeting (a race in
        // its poller, zeromq/jeromq#1022) until the handshake timer drops and redials it: 30 s by default
        s.setHandshakeIvl(HANDSHAKE_MS);
        s.setReconnectIVL(100);
        // a restarted peer is reached again within a second
        s.setReconnectIVLMax(1000);
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    /** {@code tcp://host:port}, the host in brackets when it is an IPv6 literal. */
    static String endpoint(String host, int port) {
        return "tcp://" + (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    static boolean ipv6(String host) {
        return host.indexOf(':') >= 0;
    }

    /**
     * The host the rx binds: {@code addr}, or when {@code intf} is set, that interface's address (its first IPv4
     * one, else its first IPv6 one), so the heartbeat only listens on that network.
     *
     * @throws IOException when the interface does not exist or has no address
     */
    static String bindHost(HeartbeatConfig config) throws IOException {
        if (config.intf() == null) {
            return config.addr();
        }
        NetworkInterface nif = NetworkInterface.getByName(config.intf());
        if (nif == null) {
            throw new IOException("intf " + config.intf() + ": no such interface");
        }
        InetAddress v6 = null;
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            if (a instanceof Inet4Address) {
                return a.getHostAddress();
            }
            if (v6 == null && a instanceof Inet6Address) {
                v6 = a;
            }
        }
        if (v6 == null) {
            throw new IOException("intf " + config.intf() + ": no address");
        }
        // without the %scope suffix JeroMQ cannot parse
        String h = v6.getHostAddress();
        int scope = h.indexOf('%');
        return scope < 0 ? h : h.substring(0, scope);
    }

    /**
     * Why {@code host} cannot be listened on here, null when it can: JeroMQ reports every failed bind as
     * "address already in use", also for an address this node does not have.
     */
    static String unbindable(String host) {
        InetAddress a;
        try {
            a = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return "unknown host";
        }
        try {
            return a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null ? null
                    : "address not available on this node";
        } catch (SocketException e) {
            return null;
        }
    }

    /** The cause of a JeroMQ failure as words for the thread's alert: {@code address already in use}. */
    static String reason(RuntimeException e) {
        if (e instanceof ZMQException z) {
            int code = z.getErrorCode();
            if (code == ZError.EADDRINUSE) {
                return "address already in use";
            }
            if (code == ZError.EADDRNOTAVAIL) {
                String m = String.valueOf(z.getMessage());
                return z.getCause() instanceof UnknownHostException || m.contains("not known") ? "unknown host"
                        : "address not available";
            }
            if (code == ZError.EACCESS) {
                return "permission denied";
            }
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT);
    }
}
