package om.hb.unicast.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the connections to the rx port that are not heartbeat peers (garbage, a port scan, a TLS or HTTP
 * client) from the peers' ones, so the rx can report them to the daemon, which counts and logs them like any
 * dropped message. JeroMQ 0.6.0 handles such a connection without a word: it either closes it before the
 * greeting completes, or takes bytes that do not start like a ZMTP/3 greeting for the older ZMTP/1.0 framing
 * (our peers all speak ZMTP/3). Its socket events say which connection was accepted and which one was
 * disconnected (by its channel), and that some greeting completed with some protocol version, not whose.
 * Greetings are taken to complete in the order the connections were accepted (a peer sends its greeting as
 * soon as it connects; a stranger that sends nothing is closed by the handshake timer a second later). So a
 * stranger is: a connection closed before its greeting, or a greeting of a version below 3. When a peer
 * connects while a silent stranger is pending, the peer's greeting is taken for the stranger's, and the
 * stranger is counted when the peer's connection closes instead: the count is right, its moment and address
 * may be off in that case. Thread-safe: JeroMQ's I/O thread calls it.
 */
final class Handshakes {
    /** Connections tracked at most: those that never handshake are closed within the handshake timeout. */
    static final int MAX_PENDING = 1024;

    // accepted and not yet handshaken, in acceptance order: channel -> the remote host
    private final Map<Object, String> pending = new LinkedHashMap<>();

    /** A connection was accepted on the port. */
    synchronized void accepted(Object channel) {
        if (pending.size() >= MAX_PENDING) {
            Iterator<Object> it = pending.keySet().iterator();
            it.next();
            it.remove();
        }
        pending.put(channel, host(channel));
    }

    /** The ZMTP revision our peers greet with (ZMTP/3.x; JeroMQ's protocol index). */
    static final int ZMTP3 = 3;

    /**
     * Some connection completed its greeting with protocol {@code version} (JeroMQ's index: 0 for ZMTP/1.0, 3
     * for ZMTP/3): the oldest pending one. Returns its remote host ("" when unknown) when the version says it is
     * not a peer, else null.
     */
    synchronized String greeted(int version) {
        Iterator<Map.Entry<Object, String>> it = pending.entrySet().iterator();
        String host = "";
        if (it.hasNext()) {
            host = it.next().getValue();
            it.remove();
        }
        return version < ZMTP3 ? host : null;
    }

    /**
     * A connection was closed. Returns its remote host when it closed before its greeting (a stranger's), ""
     * when that host is unknown, null when it was a peer's.
     */
    synchronized String disconnected(Object channel) {
        return pending.remove(channel);
    }

    /** Connections accepted and not handshaken now. */
    synchronized int pending() {
        return pending.size();
    }

    /** The remote IP address of an accepted channel, "" when unknown. */
    static String host(Object channel) {
        if (channel instanceof SocketChannel c) {
            try {
                SocketAddress a = c.getRemoteAddress();
                if (a instanceof InetSocketAddress i && i.getAddress() != null) {
                    return i.getAddress().getHostAddress();
                }
            } catch (IOException e) {
                // already closed: unknown
            }
        }
        return "";
    }
}
