package om.daemon.internal.monitor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatLink;
import om.api.daemon.ThreadStatus;
import om.daemon.internal.cluster.Hub;

/**
 * An in-JVM heartbeat transport for the monitor tests: the tx thread of each hub hands its envelopes to the
 * links of the other hubs, as a transport would over a network; {@link #cut} makes a node unreachable.
 */
final class Loopback implements AutoCloseable {
    private final Map<String, HeartbeatLink> links = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cut = new ConcurrentHashMap<>();
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    /** Attaches {@code hub} of {@code node} as heartbeat {@code hb#1} talking to {@code peers}. */
    void attach(String node, Hub hub, List<String> peers) {
        List<HeartbeatConfig.Peer> ps = peers.stream().map(p -> new HeartbeatConfig.Peer(p, "127.0.0.1", 1)).toList();
        HeartbeatConfig c = new HeartbeatConfig("hb#1", "unicast", Duration.ofMillis(500), Duration.ofSeconds(2), null,
                "127.0.0.1", 1, ps);
        HeartbeatLink l = hub.attach(c);
        l.state(HeartbeatLink.Direction.RX, ThreadStatus.RUNNING, null);
        l.state(HeartbeatLink.Direction.TX, ThreadStatus.RUNNING, null);
        links.put(node, l);
        Thread t = new Thread(() -> {
            // until closed or replaced by a re-attachment
            while (running && links.get(node) == l) {
                try {
                    HeartbeatLink.Outgoing o = l.next(Duration.ofMillis(100));
                    if (o == null || Boolean.TRUE.equals(cut.get(node))) {
                        continue;
                    }
                    for (String p : peers) {
                        HeartbeatLink to = links.get(p);
                        boolean ok = to != null && !Boolean.TRUE.equals(cut.get(p));
                        if (ok) {
                            to.received(o.envelope());
                        }
                        l.sent(p, ok, o.envelope().length, ok ? null : "unreachable");
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "loopback-" + node);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /**
     * What a Config Admin update of the heartbeat does to the transport: DS deactivates it (the link closes;
     * nothing is received for {@code gap}) and activates it again (a new link of the same heartbeat name).
     */
    void reattach(String node, Hub hub, List<String> peers, Duration gap) throws InterruptedException {
        HeartbeatLink old = links.remove(node);
        if (old != null) {
            old.close();
        }
        Thread.sleep(gap.toMillis());
        attach(node, hub, peers);
    }

    /** Nothing goes to or comes from {@code node} while cut. */
    void cut(String node, boolean isCut) {
        cut.put(node, isCut);
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        links.values().forEach(HeartbeatLink::close);
    }
}
