package om.hb.unicast.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatLink;
import om.api.cluster.HeartbeatLink.Direction;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The {@code hb#N.rx} thread: binds a PULL socket on {@code addr:port}, or on the addresses of {@code intf}
 * (see {@link Zmtp#bindHosts}), fair-queued from every peer's PUSH, and
 * hands each message, one whole envelope, to the daemon. A bind that fails (port in use, address gone) makes
 * the thread {@code failed} with the reason, and it tries again every few seconds: the port may be freed.
 */
final class Receiver implements Runnable {
    // how long a blocked receive waits before looking at the stop flag
    private static final int POLL_MS = 200;
    private static final long RETRY_MS = 2_000;
    // messages queued per connection before JeroMQ stops reading it: bounds the memory one peer can hold
    private static final int RCV_HWM = 16;

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
