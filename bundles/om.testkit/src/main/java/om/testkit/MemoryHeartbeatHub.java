package om.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import om.api.cluster.HeartbeatConfig;
import om.api.cluster.HeartbeatHub;
import om.api.cluster.HeartbeatLink;
import om.api.cluster.HeartbeatLink.Refusal;

/**
 * An in-memory {@link HeartbeatHub} for heartbeat transport tests: each attached link hands the transport's tx
 * thread the envelopes a test queued (or one it repeats, like the daemon's interval), and keeps what the
 * transport reported (received envelopes, per-peer send results, thread states), with bounded waits to assert
 * on them. Thread-safe: the transport's threads and the test call it concurrently.
 */
public final class MemoryHeartbeatHub implements HeartbeatHub {
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final List<Link> attached = new CopyOnWriteArrayList<>();

    @Override
    public HeartbeatLink attach(HeartbeatConfig config) {
        Link link = new Link(config);
        Link old = links.put(config.name(), link);
        if (old != null) {
            old.close();
        }
        attached.add(link);
        return link;
    }

    /** Every link attached so far, oldest first (a re-activation attaches a new one). */
    public List<Link> attached() {
        return List.copyOf(attached);
    }

    /** The link last attached under {@code name}, waiting up to {@code wait} for it. */
    public Link awaitLink(String name, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            Link l = links.get(name);
            if (l != null) {
                return l;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("no link attached for " + name + " within " + wait);
            }
            Thread.sleep(10);
        }
    }

    /** A send result as the transport reported it. */
    public record Sent(String peer, boolean ok, int bytes, String error) {
    }

    /** Bytes the rx thread refused before they made an envelope, as the transport reported them. */
    public record Refused(String from, Refusal reason, String detail) {
    }

    /** A thread state as the transport reported it. */
    public record State(String state, String alert) {
    }

    /** One attached transport's link. */
    public static final class Link implements HeartbeatLink {
        private final HeartbeatConfig config;
        private final BlockingQueue<Outgoing> outgoing = new LinkedBlockingQueue<>();
        private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
        private final List<Sent> sent = new CopyOnWriteArrayList<>();
        private final List<Refused> refused = new CopyOnWriteArrayList<>();
        private final Map<Direction, List<State>> states = new ConcurrentHashMap<>();
        private volatile Outgoing repeated;
        private volatile long repeatNanos;
        private long nextRepeat;
        private volatile boolean closed;

        Link(HeartbeatConfig config) {
            this.config = config;
        }

        public HeartbeatConfig config() {
            return config;
        }

        /** Queues one envelope for the tx thread. */
        public void send(byte[] envelope) {
            outgoing.add(new Outgoing(envelope, "test"));
        }

        /** Makes {@code envelope} due every {@code every} from now on (the daemon's interval). */
        public void repeat(byte[] envelope, Duration every) {
            repeatNanos = every.toNanos();
            repeated = new Outgoing(envelope, "ping");
        }

        @Override
        public Outgoing next(Duration wait) throws InterruptedException {
            Outgoing r = repeated;
            long waitNanos = wait.toNanos();
            if (r != null) {
                long now = System.nanoTime();
                if (now - nextRepeat >= 0) {
                    nextRepeat = now + repeatNanos;
                    return r;
                }
                waitNanos = Math.min(waitNanos, nextRepeat - now);
            }
            return outgoing.poll(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
        }

        @Override
        public void sent(String peer, boolean ok, int bytes, String error) {
            sent.add(new Sent(peer, ok, bytes, error));
        }

        @Override
        public void received(byte[] envelope) {
            received.add(envelope);
        }

        @Override
        public void refused(String from, Refusal reason, String detail) {
            refused.add(new Refused(from, reason, detail));
        }

        @Override
        public void state(Direction direction, String state, String alert) {
            states.computeIfAbsent(direction, d -> new CopyOnWriteArrayList<>()).add(new State(state, alert));
        }

        @Override
        public void close() {
            closed = true;
        }

        public boolean closed() {
            return closed;
        }

        /** The next envelope received, waiting up to {@code wait}; fails when none came. */
        public byte[] awaitReceived(Duration wait) throws InterruptedException {
            byte[] b = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (b == null) {
                throw new AssertionError(config.name() + ": nothing received within " + wait);
            }
            return b;
        }

        /** The next envelope received within {@code wait}, or null. */
        public byte[] pollReceived(Duration wait) throws InterruptedException {
            return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Every send result reported so far. */
        public List<Sent> sent() {
            return List.copyOf(sent);
        }

        /** Every refusal reported so far. */
        public List<Refused> refused() {
            return List.copyOf(refused);
        }

        /** Waits until at least {@code count} refusals were reported; returns them all. */
        public List<Refused> awaitRefused(int count, Duration wait) throws InterruptedException {
            long end = System.nanoTime() + wait.toNanos();
            while (refused.size() < count) {
                if (System.nanoTime() > end) {
                    throw new AssertionError(config.name() + ": " + refused.size() + " refusals within " + wait
                            + ", not " + count + ": " + refused);
                }
                Thread.sleep(10);
            }
            return List.copyOf(refused);
        }

        /** Forgets the send results reported so far. */
        public void clearSent() {
            sent.clear();
        }

        /** The first send result reported from now on (or already) matching {@code match}, waiting up to {@code wait}. */
        public Sent awaitSent(Predicate<Sent> match, Duration wait) throws InterruptedException {
            long end = System.nanoTime() + wait.toNanos();
            while (true) {
                for (Sent s : sent) {
                    if (match.test(s)) {
                        return s;
                    }
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError(config.name() + ": no matching send within " + wait + ", got " + tail(sent));
                }
                Thread.sleep(10);
            }
        }

        /** The last state reported for {@code direction}, null before any. */
        public State state(Direction direction) {
            List<State> l = states.get(direction);
            return l == null || l.isEmpty() ? null : l.get(l.size() - 1);
        }

        /** Waits until the last state of {@code direction} is {@code state}; returns it. */
        public State awaitState(Direction direction, String state, Duration wait) throws InterruptedException {
            long end = System.nanoTime() + wait.toNanos();
            while (true) {
                State s = state(direction);
                if (s != null && s.state().equals(state)) {
                    return s;
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError(config.name() + "." + direction.word() + ": not " + state + " within "
                            + wait + ", states " + states.getOrDefault(direction, List.of()));
                }
                Thread.sleep(10);
            }
        }

        private static List<Sent> tail(List<Sent> l) {
            List<Sent> copy = new ArrayList<>(l);
            return copy.subList(Math.max(0, copy.size() - 5), copy.size());
        }
    }
}
