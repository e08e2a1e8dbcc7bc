package om.hb.unicast.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatLink;
import om.api.cluster.HeartbeatLink.Direction;
import om.api.cluster.HeartbeatLink.Refusal;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The {@code hb#N.rx} thread: binds a PULL socket on {@code addr:port}, or on the addresses of {@code intf}
 * (see {@link Zmtp#bindHosts}), fair-queued from every peer's PUSH, and
 * hands each message, one whole envelope, to the daemon. A connection that does not speak ZMTP/3 (not a
 * heartbeat peer: garbage, an HTTP or TLS client) is told to the daemon as refused ({@link Handshakes}); the
 * thread goes on running. A bind that fails (port in use, address gone) makes
 * the thread {@code failed} with the reason, and it tries again every few seconds: the port may be freed.
 */
final class Receiver implements Runnable {
    // how long a blocked receive waits before looking at the stop flag
    private static final int POLL_MS = 200;
    private static final long RETRY_MS = 2_000;
    // messages queued per connection before JeroMQ stops reading it: bounds the memory one peer can hold
    private static final int RCV_HWM = 16;
    // zmq.ZMQ.ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL, which org.zeromq.ZMQ 0.6.0 does not name
    private static final int HANDSHAKE_FAILED = 8192;

    private final ZContext zmq;
    private final HeartbeatConfig config;
    private final HeartbeatLink link;
    private volatile boolean stopping;

    Receiver(ZContext zmq, HeartbeatConfig config, HeartbeatLink link) {
        this.zmq = zmq;
        this.config = config;
        this.link = link;
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        while (!stopping) {
            List<String> hosts;
            try {
                hosts = Zmtp.bindHosts(config);
            } catch (IOException e) {
                failed(e.getMessage());
                continue;
            }
            String problem = null;
            for (String host : hosts) {
                String unbindable = Zmtp.unbindable(host);
                if (unbindable != null) {
                    problem = "bind " + Zmtp.endpoint(host, config.port()) + ": " + unbindable;
                    break;
                }
            }
            if (problem != null) {
                failed(problem);
                continue;
            }
            ZMQ.Socket s = zmq.createSocket(SocketType.PULL);
            try {
                Zmtp.tune(s, config);
                s.setRcvHWM(RCV_HWM);
                s.setReceiveTimeOut(POLL_MS);
                s.setIPv6(hosts.stream().anyMatch(Zmtp::ipv6));
                // called on JeroMQ's I/O thread, at once (the channel still open): CPU only, like the link; one
                // table per socket, so a re-bound socket does not match greetings with the old one's connections
                Handshakes handshakes = new Handshakes();
                s.setEventHook(e -> event(handshakes, e), ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_HANDSHAKE_PROTOCOL
                        | ZMQ.EVENT_DISCONNECTED | HANDSHAKE_FAILED);
                if (bind(s, hosts)) {
                    link.state(Direction.RX, "running", null);
                    receive(s);
                }
            } catch (ZMQException e) {
                if (!stopping) {
                    failed("receive on " + Zmtp.endpoint(hosts.get(0), config.port()) + ": " + Zmtp.reason(e));
                }
            } finally {
                zmq.destroySocket(s);
            }
        }
    }

    /** Binds every host; false (the thread failed, with the reason) when one cannot be bound. */
    private boolean bind(ZMQ.Socket s, List<String> hosts) {
        for (String host : hosts) {
            String endpoint = Zmtp.endpoint(host, config.port());
            try {
                s.bind(endpoint);
            } catch (ZMQException | IllegalArgumentException e) {
                failed("bind " + endpoint + ": " + Zmtp.reason(e));
                return false;
            }
        }
        return true;
    }

    /** JeroMQ's socket events: strangers on the port ({@link Handshakes}) are told to the daemon. */
    private void event(Handshakes handshakes, ZEvent e) {
        switch (e.getEvent()) {
            case ACCEPTED -> handshakes.accepted(e.getValue());
            case HANDSHAKE_PROTOCOL -> {
                Object v = e.getValue();
                int version = v instanceof Integer i ? i : Handshakes.ZMTP3;
                refused(handshakes.greeted(version), "a connection that did not greet with ZMTP/3 (JeroMQ"
                        + " protocol V" + version + ")");
            }
            // closed before its greeting: not told (a peer's stalled connection, see Handshakes)
            case DISCONNECTED -> handshakes.disconnected(e.getValue());
            case HANDSHAKE_FAILED_PROTOCOL -> refused("", "a ZMTP handshake that failed (error " + e.getValue()
                    + ")");
            default -> {
                // not subscribed
            }
        }
    }

    private void refused(String stranger, String detail) {
        if (stranger != null) {
            link.refused(stranger.isEmpty() ? null : stranger, Refusal.GARBAGE, detail);
        }
    }

    private void receive(ZMQ.Socket s) {
        while (!stopping) {
            byte[] envelope = s.recv(0);
            if (envelope != null) {
                link.received(envelope);
            }
        }
    }

    private void failed(String alert) {
        link.state(Direction.RX, "failed", alert);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MS);
        while (!stopping && System.nanoTime() - end < 0) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }
}
