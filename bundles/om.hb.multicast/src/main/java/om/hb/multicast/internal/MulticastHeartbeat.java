package om.hb.multicast.internal;

import java.security.SecureRandom;
import java.util.Map;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatHub;
import om.api.cluster.HeartbeatLink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * One multicast heartbeat ({@code [hb#N] type = multicast}): an instance per factory configuration of pid
 * {@code om.hb.multicast}. Every node sends to and listens on the group {@code addr:port} with plain UDP
 * through the JDK (JeroMQ has no multicast transport). The {@code hb#N.tx} thread fragments each envelope into
 * datagrams ({@link Fragments}) and reports every peer sent when the group took them, the {@code hb#N.rx} thread
 * reassembles ({@link Reassembler}) and hands over whole envelopes only. The bytes are opaque here.
 */
@Component(service = {}, configurationPid = MulticastHeartbeat.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class MulticastHeartbeat {
    static final String PID = "om.hb.multicast";
    private static final long JOIN_MS = 5_000;

    private final HeartbeatLink link;
    private final Receiver rx;
    private final Sender tx;
    private final Thread rxThread;
    private final Thread txThread;

    @Activate
    public MulticastHeartbeat(@Reference HeartbeatHub hub, Map<String, Object> properties) {
        this(hub, HeartbeatConfig.of(properties));
    }

    /** Attaches to the hub and starts both threads. */
    MulticastHeartbeat(HeartbeatHub hub, HeartbeatConfig config) {
        this.link = hub.attach(config);
        // tells this instance's datagrams apart from every other sender's on the group (own ones are dropped)
        long sender = new SecureRandom().nextLong();
        Group group = new Group(config);
        this.rx = new Receiver(group, link, sender);
        this.tx = new Sender(group, config, link, sender);
        this.rxThread = start(config.name() + ".rx", rx);
        this.txThread = start(config.name() + ".tx", tx);
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Stops both threads, closes the channels (the group left, the port free) and the link. */
    @Deactivate
    void close() {
        rx.stop();
        tx.stop();
        join(rxThread);
        join(txThread);
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
