package om.hb.unicast.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        int timeout = (int) silence(config).toMillis();
        s.setLinger(0);
        // JeroMQ arms the PONG timeout when it sends a PING: a PING every third of the silence and a PONG
        // awaited two thirds of it close a connection silent since just after a PONG within the silence
        s.setHeartbeatIvl(timeout / 3);
        s.setHeartbeatTimeout(timeout - timeout / 3);
        s.setHeartbeatTtl(timeout);
        s.setMaxMsgSize(MAX_MESSAGE);
        // JeroMQ 0.6.0 leaves about 1 in 50 fresh outgoing connections stuck before the ZMTP greeting (a race in
        // its poller, zeromq/jeromq#1022) until the handshake timer drops and redials it: 30 s by default
        s.setHandshakeIvl(HANDSHAKE_MS);
        s.setReconnectIVL(100);
        // a restarted peer is reached again within a second
        s.setReconnectIVLMax(1000);
    }

    /** How long a connection may make no progress before it is closed: a third of the timeout, 0.6 to 5 s. */
    static Duration silence(HeartbeatConfig config) {
        return clamp(config.timeout().dividedBy(3), Duration.ofMillis(600), Duration.ofSeconds(5));
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
     * The hosts the rx binds: {@code addr}; when {@code intf} is set, {@code addr} if it is one of that
     * interface's addresses, else every address of the interface (its IPv4 ones, else its non-link-local IPv6
     * ones), so the heartbeat listens on that network only. Every one rather than "the first": the JDK lists an
     * interface's addresses in no documented order, and an ip resource may have added one beside the node's own.
     *
     * @throws IOException when the interface does not exist or has no address
     */
    static List<String> bindHosts(HeartbeatConfig config) throws IOException {
        if (config.intf() == null) {
            return List.of(config.addr());
        }
        NetworkInterface nif = NetworkInterface.getByName(config.intf());
        if (nif == null) {
            throw new IOException("intf " + config.intf() + ": no such interface");
        }
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
            String h = a.getHostAddress();
            // without the %scope suffix: JeroMQ cannot parse it
            int scope = h.indexOf('%');
            h = scope < 0 ? h : h.substring(0, scope);
            if (h.equals(config.addr())) {
                return List.of(h);
            }
            if (a instanceof Inet4Address) {
                v4.add(h);
            } else if (a instanceof Inet6Address && !a.isLinkLocalAddress()) {
                v6.add(h);
            }
        }
        if (v4.isEmpty() && v6.isEmpty()) {
            throw new IOException("intf " + config.intf() + ": no address");
        }
        List<String> hosts = v4.isEmpty() ? v6 : v4;
        Collections.sort(hosts);
        return List.copyOf(hosts);
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
