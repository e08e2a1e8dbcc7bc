package om.hb.unicast.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells the connections to the rx port that are not heartbeat peers (garbage, a TLS or HTTP client) from the
 * peers' ones, so the rx can report them to the daemon, which counts and logs them like any dropped message.
 * JeroMQ 0.6.0 handles such a connection without a word: bytes that do not start like a ZMTP/3 greeting are
 * taken for the older ZMTP/1.0 framing, which our peers never speak. Its socket events say which connection was
 * accepted and which one was disconnected (by its channel), and that some greeting completed with some protocol
 * version, not whose. Greetings are taken to complete in the order the connections were accepted (a peer sends
 * its greeting as soon as it connects), so a greeting below ZMTP/3 is told with the address of the oldest
 * connection not greeted yet: when two connections greet at once, the count is right and the address may be the
 * other's. A connection closed before any greeting is not told: our own peers' connections sometimes stall
 * before the greeting in JeroMQ 0.6.0 (zeromq/jeromq#1022) and are closed by the handshake timer, which would
 * count members as strangers; a client that connects and says nothing does no harm. Thread-safe: JeroMQ's I/O
 * thread calls it.
 */
final class Handshakes {
    /** Connections tracked at most: those that never greet are closed within the handshake timeout. */
    static final int MAX_PENDING = 1024;
    /** The ZMTP revision our peers greet with (ZMTP/3.x; JeroMQ's protocol index). */
    static final int ZMTP3 = 3;

    // accepted and not greeted yet, in acceptance order: channel -> the remote host
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
     * A connection was closed: forgotten, so the next greeting is matched with the right one. Returns its remote
     * host when it closed before its greeting ("" when unknown), null when it had greeted.
     */
    synchronized String disconnected(Object channel) {
        return pending.remove(channel);
    }

    /** Connections accepted and not greeted now. */
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
