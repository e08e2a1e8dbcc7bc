package om.hb.unicast.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatConfig.Peer;
import om.api.cluster.HeartbeatLink;
import om.api.cluster.HeartbeatLink.Direction;
import om.api.cluster.HeartbeatLink.Outgoing;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The {@code hb#N.tx} thread: sends each envelope the daemon makes due to every peer, one PUSH socket per peer,
 * and reports per peer whether it went out. "Sent" is kept honest: an envelope is only handed to a connection
 * whose ZMTP handshake completed and that has not dropped since (the socket's monitor events tell), sends never
 * wait ({@code DONTWAIT}) and at most a few messages are queued per peer; the ZMTP heartbeats drop a connection
 * whose peer went silent, and so does the tx itself when the kernel holds bytes the peer has not acknowledged
 * for a third of the timeout (JeroMQ's heartbeats miss a cut, see {@link TcpQueue}). So a
 * peer whose daemon is down, hung or cut off is reported not sent, instead of envelopes piling up in a queue
 * nobody reads.
 */
final class Sender implements Runnable {
    // how long one wait for the daemon's next envelope lasts before looking at the stop flag
    private static final Duration WAIT = Duration.ofMillis(200);
    private static final int SND_HWM = 4;
    private static final int EVENTS = ZMQ.EVENT_HANDSHAKE_PROTOCOL | ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_CLOSED;
    // inproc names are per JeroMQ context, and each heartbeat has its own context: a counter is enough
    private static final AtomicLong MONITORS = new AtomicLong();

    private final ZContext zmq;
    private final HeartbeatConfig config;
    private final HeartbeatLink link;
    private final Map<Peer, PeerSocket> sockets = new HashMap<>();
    private final long stallLimit;
    private volatile boolean stopping;

    Sender(ZContext zmq, HeartbeatConfig config, HeartbeatLink link) {
        this.zmq = zmq;
        this.config = config;
        this.link = link;
        this.stallLimit = Zmtp.silence(config).toNanos();
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    void stop() {
        stopping = true;
    }

    /** A peer's PUSH socket and the monitor telling whether its connection is ready (handshake done). */
    private final class PeerSocket {
        final String endpoint;
        final ZMQ.Socket push;
        final ZMQ.Socket monitor;
        // the peer's address as the kernel's tables show it, null when it does not resolve here
        final InetAddress remote;
        final int port;
        boolean ready;
        // when the kernel's queue to the peer was first seen not empty, 0 while it drains
        long stalledSince;

        PeerSocket(String endpoint, boolean ipv6, InetAddress remote, int port) {
            this.endpoint = endpoint;
            this.remote = remote;
            this.port = port;
            push = zmq.createSocket(SocketType.PUSH);
            ZMQ.Socket mon = null;
            try {
                Zmtp.tune(push, config);
                // JeroMQ's flag is the reverse of libzmq's ZMQ_IMMEDIATE ("attach at once", true by default):
                // false = no queue before a connection exists (what setDelayAttachOnConnect(true) did)
                push.setImmediate(false);
                push.setSndHWM(SND_HWM);
                push.setIPv6(ipv6);
                String events = "inproc://om.hb.unicast.monitor." + MONITORS.incrementAndGet();
                push.monitor(events, EVENTS);
                mon = zmq.createSocket(SocketType.PAIR);
                mon.connect(events);
                push.connect(endpoint);
            } catch (RuntimeException e) {
                if (mon != null) {
                    zmq.destroySocket(mon);
                }
                zmq.destroySocket(push);
                throw e;
            }
            monitor = mon;
        }

        /** Applies the connection events since the last send. */
        void poll() {
            ZMQ.Event e;
            while ((e = ZMQ.Event.recv(monitor, ZMQ.DONTWAIT)) != null) {
                int ev = e.getEvent();
                if (ev == ZMQ.EVENT_HANDSHAKE_PROTOCOL) {
                    ready = true;
                } else if (ev == ZMQ.EVENT_DISCONNECTED || ev == ZMQ.EVENT_CLOSED) {
                    ready = false;
                }
            }
        }

        /**
         * Whether the connection made no progress for {@code limit}: bytes stayed unacknowledged at every look
         * over that time. Looked at before each send; a connection that drains between sends is healthy.
         */
        boolean stalled(long now, long limit, TcpQueue.Tables tables) {
            if (remote == null || !ready) {
                stalledSince = 0;
                return false;
            }
            if (tables.unacked(remote, port) <= 0) {
                stalledSince = 0;
                return false;
            }
            if (stalledSince == 0) {
                stalledSince = now;
                return false;
            }
            return now - stalledSince >= limit;
        }

        void close() {
            zmq.destroySocket(monitor);
            zmq.destroySocket(push);
        }
    }

    @Override
    public void run() {
        link.state(Direction.TX, "running", null);
        try {
            while (!stopping) {
                Outgoing out = link.next(WAIT);
                if (out == null || stopping) {
                    continue;
                }
                // the kernel's tables read once per round, not once per peer
                TcpQueue.Tables tables = TcpQueue.read();
                for (Peer peer : config.peers()) {
                    send(peer, out.envelope(), tables);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            link.state(Direction.TX, "failed", Zmtp.reason(e));
        } finally {
            sockets.values().forEach(PeerSocket::close);
            sockets.clear();
        }
    }

    private void send(Peer peer, byte[] envelope, TcpQueue.Tables tables) {
        PeerSocket s = sockets.get(peer);
        if (s == null) {
            String endpoint = Zmtp.endpoint(peer.addr(), peer.port());
            try {
                s = new PeerSocket(endpoint, Zmtp.ipv6(peer.addr()), resolve(peer.addr()), peer.port());
            } catch (ZMQException | IllegalArgumentException e) {
                // e.g. a peer name that does not resolve (yet): tried again at the next envelope
                link.sent(peer.node(), false, 0, "connect " + endpoint + ": " + Zmtp.reason(e));
                return;
            }
            sockets.put(peer, s);
        }
        s.poll();
        long now = System.nanoTime();
        if (s.stalled(now, stallLimit, tables)) {
            // dropped and dialled again at the next envelope: a peer back on the network is reached afresh
            sockets.remove(peer);
            s.close();
            link.sent(peer.node(), false, 0, s.endpoint + ": no progress for "
                    + Duration.ofNanos(now - s.stalledSince).toMillis() + " ms, connection dropped");
            return;
        }
        if (!s.ready) {
            link.sent(peer.node(), false, 0, s.endpoint + ": not connected");
            return;
        }
        boolean ok;
        try {
            ok = s.push.send(envelope, ZMQ.DONTWAIT);
        } catch (ZMQException e) {
            link.sent(peer.node(), false, 0, "send to " + s.endpoint + ": " + Zmtp.reason(e));
            return;
        }
        link.sent(peer.node(), ok, ok ? envelope.length : 0, ok ? null : s.endpoint + ": peer not reading");
    }
}
