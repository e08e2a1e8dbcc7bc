package om.hb.unicast.internal;

import java.util.Map;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatHub;
import om.api.cluster.HeartbeatLink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.zeromq.ZContext;

/**
 * One unicast heartbeat ({@code [hb#N] type = unicast}): an instance per factory configuration of pid
 * {@code om.hb.unicast}, which the daemon makes of the section. Its {@code hb#N.rx} thread listens on
 * {@code addr:port} (JeroMQ PULL over TCP) and hands each whole envelope to the daemon; its {@code hb#N.tx}
 * thread sends each envelope the daemon makes due to every peer (one PUSH per peer). The bytes are opaque here:
 * the envelope, its crypto and the liveness decisions are the daemon's.
 *
 * <p>No {@code @Modified}: a changed section deactivates and re-activates the instance, which closes the
 * sockets (the port is free again) before the new one binds.
 */
@Component(service = {}, configurationPid = UnicastHeartbeat.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class UnicastHeartbeat {
    static final String PID = "om.hb.unicast";
    // a thread is stopped within one poll (200 ms); this only bounds a thread stuck in the daemon's link
    private static final long JOIN_MS = 5_000;

    private final HeartbeatLink link;
    private final ZContext zmq;
    private final Receiver rx;
    private final Sender tx;
    private final Thread rxThread;
    private final Thread txThread;

    @Activate
    public UnicastHeartbeat(@Reference HeartbeatHub hub, Map<String, Object> properties) {
        this(hub, HeartbeatConfig.of(properties));
    }

    /** Attaches to the hub and starts both threads. */
    UnicastHeartbeat(HeartbeatHub hub, HeartbeatConfig config) {
        this.link = hub.attach(config);
        // one I/O thread: a heartbeat moves a few messages per interval
        this.zmq = new ZContext(1);
        this.zmq.setLinger(0);
        // JeroMQ's I/O and reaper threads named after the heartbeat (hb#1.zmq.iothread-2), daemon threads
        this.zmq.setThreadFactor((r, name) -> {
            Thread t = new Thread(r, config.name() + ".zmq." + name);
            t.setDaemon(true);
            return t;
        });
        this.rx = new Receiver(zmq, config, link);
        this.tx = new Sender(zmq, config, link);
        this.rxThread = start(config.name() + ".rx", rx);
        this.txThread = start(config.name() + ".tx", tx);
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops both threads, closes every socket (the port is unbound when this returns) and the link. */
    @Deactivate
    void close() {
        rx.stop();
        tx.stop();
        join(rxThread);
        join(txThread);
        // after the threads closed their own sockets (a JeroMQ socket is not to be closed from another thread):
        // terminates the I/O thread and waits for the listener to be closed
        zmq.close();
        link.close();
    }

    private static void join(Thread t) {
        try {
            t.join(JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
