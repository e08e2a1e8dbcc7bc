package om.daemon.internal.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import om.api.daemon.NodeData;

/**
 * The daemon's real dataset exchange for the simulation, without sockets or threads: {@link Exchange} (generations,
 * full / patch / ping, acknowledgements, gaps asking for a full), {@link Batches#diff} (what a commit sends) and
 * {@link PeerViews#update} (a peer's typed data from its patched tree), driven by the simulation's clock. What
 * {@link ClusterData} adds around them (the hub, liveness, events) is the simulation's own. Lives in the daemon's
 * package because these are package-private; the messages leave it as opaque objects.
 */
public final class SimWire {
    private final Exchange exchange;
    private NodeData committed;
    private boolean sendNow;
    private final String self;
    private Instant echoed;

    public SimWire(String self) {
        this.self = self;
        this.exchange = new Exchange(self);
    }

    /** Commits the local data (the first time whole, generation {@code firstGen}); true when a message is due. */
    public boolean commit(NodeData local, long firstGen) {
        if (committed == null) {
            exchange.baseline(om.api.json.DatasetJson.nodeData(local), firstGen);
            committed = local;
            return true;
        }
        boolean changed = exchange.commit(Batches.diff(committed, local));
        committed = local;
        return changed;
    }

    /** A message on the simulated wire: its sender and its JSON bytes (no envelope: no secret, no zlib). */
    public record Packet(String from, byte[] bytes) {
    }

    /**
     * The next message for the live peers, encoded at once: a full shares the members of the sender's tree, and
     * the next commit would change a message still in flight (the daemon encodes before it commits again).
     */
    public Packet next(Instant now, Collection<String> live, Duration interval) {
        // the echo the hub adds when it seals: the newest message accepted from each peer
        Message m = exchange.next(now, live, interval).withEcho(exchange.lastAccepted());
        return new Packet(m.nodename(), m.encode());
    }

    /** The {@code updated_at} of the packet's message: what a peer's echo names. */
    public static Instant updatedAt(Packet p) {
        return Message.decode(p.bytes()).updatedAt();
    }

    /** What the last message received echoed of {@code self}'s messages, null when none of ours. */
    public Instant echoed() {
        return echoed;
    }

    public static String sender(Object packet) {
        return ((Packet) packet).from();
    }

    /** Applies a peer's message: its new typed data, or null when nothing changed (stale, gap, undecodable). */
    public NodeData receive(Object message, NodeData previous, Instant at) {
        Message m = Message.decode(((Packet) message).bytes());
        echoed = m.echo() == null ? null : m.echo().get(self);
        Exchange.Received r = exchange.receive(m);
        sendNow |= r.sendNow();
        if (r.change() == Exchange.Change.NONE || r.tree() == null) {
            return null;
        }
        try {
            return PeerViews.update(m.nodename(), r, r.change() == Exchange.Change.REPLACED ? null : previous, at)
                    .data();
        } catch (IllegalArgumentException e) {
            exchange.dead(m.nodename());
            return null;
        }
    }

    /** A peer asked for our data, or we lack some of its batches: send now rather than at the interval. */
    public boolean takeSendNow() {
        boolean s = sendNow;
        sendNow = false;
        return s;
    }

    /** The peer is dead: when it comes back, it starts with a full. */
    public void dead(String peer) {
        exchange.dead(peer);
    }
}
