package om.hb.unicast.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * and reports per peer whether it went out. "Sent" is kept honest: a socket only queues to a completed
 * connection ({@code immediate}), sends never wait ({@code DONTWAIT}) and at most a few messages are queued per
 * peer, so a peer whose daemon is down, or whose connection the ZMTP heartbeats found dead, is reported not sent
 * at once instead of filling a queue.
 */
final class Sender implements Runnable {
    // how long one wait for the daemon's next envelope lasts before looking at the stop flag
    private static final Duration WAIT = Duration.ofMillis(200);
    private static final int SND_HWM = 4;

    private final ZContext zmq;
    private final HeartbeatConfig config;
    private final HeartbeatLink link;
    private final Map<Peer, ZMQ.Socket> sockets = new HashMap<>();
    private volatile boolean stopping;

    Sender(ZContext zmq, HeartbeatConfig config, HeartbeatLink link) {
        this.zmq = zmq;
        this.config = config;
        this.link = link;
    }

    void stop() {
        stopping = true;
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
                for (Peer peer : config.peers()) {
                    send(peer, out.envelope());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            link.state(Direction.TX, "failed", Zmtp.reason(e));
        } finally {
            sockets.values().forEach(zmq::destroySocket);
            sockets.clear();
        }
    }

    private void send(Peer peer, byte[] envelope) {
        String endpoint = Zmtp.endpoint(peer.addr(), peer.port());
        ZMQ.Socket s = sockets.get(peer);
        if (s == null) {
            try {
                s = connect(endpoint, Zmtp.ipv6(peer.addr()));
            } catch (ZMQException | IllegalArgumentException e) {
                // e.g. a peer name that does not resolve (yet): tried again at the next envelope
                link.sent(peer.node(), false, 0, "connect " + endpoint + ": " + Zmtp.reason(e));
                return;
            }
            sockets.put(peer, s);
        }
        boolean ok;
        try {
            ok = s.send(envelope, ZMQ.DONTWAIT);
        } catch (ZMQException e) {
            link.sent(peer.node(), false, 0, "send to " + endpoint + ": " + Zmtp.reason(e));
            return;
        }
        link.sent(peer.node(), ok, ok ? envelope.length : 0,
                ok ? null : endpoint + ": not connected or not reading");
    }

    private ZMQ.Socket connect(String endpoint, boolean ipv6) {
        ZMQ.Socket s = zmq.createSocket(SocketType.PUSH);
        try {
            Zmtp.tune(s, config);
            // JeroMQ's flag is the reverse of libzmq's ZMQ_IMMEDIATE (it is "attach at once", true by default):
            // false = queue only to a completed connection (what setDelayAttachOnConnect(true) did)
            s.setImmediate(false);
            s.setSndHWM(SND_HWM);
            s.setIPv6(ipv6);
            s.connect(endpoint);
            return s;
        } catch (RuntimeException e) {
            zmq.destroySocket(s);
            throw e;
        }
    }
}
