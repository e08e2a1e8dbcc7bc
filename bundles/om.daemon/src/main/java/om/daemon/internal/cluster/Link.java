package om.daemon.internal.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatLink;
import om.api.daemon.ThreadStatus;

/**
 * One attached heartbeat transport ({@code [hb#N]}): the envelope due for its tx thread, and the figures and
 * liveness of its two threads. Every method returns at once except {@link #next}, which waits for the envelope
 * due (the one wait the contract allows); the lock it waits on is held only to swap a pointer.
 */
final class Link implements HeartbeatLink {
    /**
     * The figures of one thread and, per peer, when it last beat (monotonic and wall clock). The rx side's
     * beats belong to the hub, by heartbeat name: they outlive this link, so a re-attached heartbeat goes on
     * from them (heartbeats-and-daemon.md section 3).
     */
    static final class Side {
        volatile String state = ThreadStatus.STOPPED;
        volatile String alert;
        volatile Instant created;
        volatile String last;
        final AtomicLong messages = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final ConcurrentHashMap<String, Beat> peers;

        Side() {
            this(new ConcurrentHashMap<>());
        }

        Side(ConcurrentHashMap<String, Beat> peers) {
            this.peers = peers;
        }

        void beat(String peer, long nanos, Instant at, Duration timeout) {
            peers.computeIfAbsent(peer, p -> new Beat()).set(nanos, at, timeout);
        }
    }

    /**
     * When a peer last beat on a thread, and the timeout in force then: a beat stays valid for the timeout it
     * was heard under, whatever the configuration becomes later (a peer is never declared dead earlier than
     * timeout after its last valid message).
     */
    static final class Beat {
        private volatile long nanos;
        private volatile Instant at;
        private volatile Duration timeout = Duration.ZERO;

        void set(long n, Instant a, Duration t) {
            // the readers test `at` first: the monotonic time and timeout are written before it
            nanos = n;
            timeout = t;
            at = a;
        }

        long nanos() {
            return nanos;
        }

        Instant at() {
            return at;
        }

        /** Whether the last beat is at most its timeout old. */
        boolean within(long now) {
            return at != null && now - nanos <= timeout.toNanos();
        }
    }

    final HeartbeatConfig config;
    final Side rx;
    final Side tx = new Side();
    final Map<Drop, AtomicLong> dropped;
    private final Hub hub;
    private final Object lock = new Object();
    private Outgoing pending;
    private String pendingLabel;
    private CountDownLatch pendingTicket;
    private CountDownLatch inFlight;
    private volatile boolean closed;

    /** {@code heard}: the hub's rx beats of this heartbeat name, kept across re-attachments. */
    Link(Hub hub, HeartbeatConfig config, ConcurrentHashMap<String, Beat> heard) {
        this.hub = hub;
        this.config = config;
        this.rx = new Side(heard);
        Map<Drop, AtomicLong> d = new EnumMap<>(Drop.class);
        for (Drop r : Drop.values()) {
            d.put(r, new AtomicLong());
        }
        this.dropped = d;
    }

    boolean closed() {
        return closed;
    }

    /** Makes {@code o} the envelope due, replacing one not taken yet (a newer message supersedes it). */
    void offer(Outgoing o, String label, CountDownLatch ticket) {
        synchronized (lock) {
            if (closed) {
                ticket.countDown();
                return;
            }
            if (pendingTicket != null) {
                pendingTicket.countDown();
            }
            pending = o;
            pendingLabel = label;
            pendingTicket = ticket;
            lock.notifyAll();
        }
    }

    @Override
    public Outgoing next(Duration wait) throws InterruptedException {
        synchronized (lock) {
            // the tx thread is back: the envelope it took before went out to every peer
            if (inFlight != null) {
                inFlight.countDown();
                inFlight = null;
            }
            long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
            while (pending == null && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            if (closed) {
                return null;
            }
            Outgoing o = pending;
            tx.last = pendingLabel;
            inFlight = pendingTicket;
            pending = null;
            pendingLabel = null;
            pendingTicket = null;
            return o;
        }
    }

    @Override
    public void sent(String peer, boolean ok, int bytes, String error) {
        tx.messages.incrementAndGet();
        if (ok) {
            tx.bytes.addAndGet(Math.max(0, bytes));
            tx.beat(peer, hub.nanos(), hub.now(), config.timeout());
        } else {
            tx.errors.incrementAndGet();
            // known as a peer not beating on tx, with no beat yet
            tx.peers.computeIfAbsent(peer, p -> new Beat());
        }
    }

    @Override
    public void received(byte[] envelope) {
        if (!closed) {
            hub.receive(this, envelope);
        }
    }

    @Override
    public void refused(String from, Refusal reason, String detail) {
        if (!closed) {
            hub.refused(this, Drop.of(reason), from, detail);
        }
    }

    @Override
    public void state(Direction direction, String state, String alert) {
        Side s = direction == Direction.RX ? rx : tx;
        if (!state.equals(s.state) || s.created == null) {
            s.created = hub.now();
        }
        s.state = state;
        s.alert = alert == null || alert.isBlank() ? null : alert;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (CountDownLatch t : new CountDownLatch[] {pendingTicket, inFlight}) {
                if (t != null) {
                    t.countDown();
                }
            }
            pending = null;
            pendingTicket = null;
            inFlight = null;
            lock.notifyAll();
        }
        rx.state = ThreadStatus.STOPPED;
        tx.state = ThreadStatus.STOPPED;
        hub.detach(this);
    }
}
