package om.hb.multicast.internal;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import om.api.cluster.HeartbeatLink.Refusal;
import om.hb.multicast.internal.Fragments.Fragment;

/**
 * Puts envelopes back together from their fragments, per (sender, message id), in any arrival order. Memory is
 * bounded: at most {@code maxPending} incomplete envelopes and {@code maxBytes} of their declared sizes; the
 * oldest incomplete one is dropped to make room, and one still incomplete after {@code timeout} (a fragment was
 * lost: UDP) is dropped at the next arrival. Only whole envelopes come out. Each refusal is told to
 * {@link Losses} with the sender's address (the daemon counts and logs it). Used by the rx thread only.
 */
final class Reassembler {
    /** Told of each datagram refused and each envelope lost, on the rx thread; must not block. */
    interface Losses {
        Losses NONE = (from, reason, detail) -> { };

        void refused(String from, Refusal reason, String detail);
    }

    private final int maxPending;
    private final long maxBytes;
    private final long timeoutNanos;
    private final LongSupplier clock;
    private final Losses losses;
    // insertion order = first-fragment order: the head is the oldest
    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private long pendingBytes;
    private long invalid;
    private long dropped;

    Reassembler(int maxPending, long maxBytes, Duration timeout, LongSupplier clock) {
        this(maxPending, maxBytes, timeout, clock, Losses.NONE);
    }

    Reassembler(int maxPending, long maxBytes, Duration timeout, LongSupplier clock, Losses losses) {
        this.losses = losses;
        this.maxPending = maxPending;
        this.maxBytes = maxBytes;
        this.timeoutNanos = timeout.toNanos();
        this.clock = clock;
    }

    private record Key(long sender, int message) {
    }

    private static final class Pending {
        final int count;
        final int total;
        final long started;
        final String from;
        final byte[][] chunks;
        int have;
        long bytes;

        Pending(Fragment f, long now, String from) {
            this.from = from;
            count = f.count();
            total = f.total();
            started = now;
            chunks = new byte[count][];
        }
    }

    /** {@link #accept(Fragment, String)} from an unknown address. */
    byte[] accept(Fragment f) {
        return accept(f, null);
    }

    /**
     * Adds one fragment received from {@code from} (an address, for the loss reports); returns the whole
     * envelope when it was the last missing one, else null.
     */
    byte[] accept(Fragment f, String from) {
        long now = clock.getAsLong();
        expire(now);
        if (f.count() == 1) {
            if (f.chunk().length != f.total()) {
                invalid(from, "a datagram of " + f.chunk().length + " bytes announcing " + f.total());
                return null;
            }
            return f.chunk();
        }
        Key key = new Key(f.sender(), f.message());
        Pending p = pending.get(key);
        if (p == null) {
            if (f.total() > maxBytes) {
                invalid(from, "a message of " + f.total() + " bytes, beyond the " + maxBytes + " held at most");
                return null;
            }
            makeRoom(f.total());
            p = new Pending(f, now, from);
            pending.put(key, p);
            pendingBytes += p.total;
        } else if (p.count != f.count() || p.total != f.total()) {
            // two headers disagree on the same envelope: neither is to be trusted
            remove(key, p);
            invalid(from, "fragments disagreeing on their message's size");
            return null;
        }
        if (p.chunks[f.index()] != null) {
            // the same fragment twice (a duplicated datagram)
            return null;
        }
        p.chunks[f.index()] = f.chunk();
        p.have++;
        p.bytes += f.chunk().length;
        if (p.bytes > p.total || p.have == p.count && p.bytes != p.total) {
            remove(key, p);
            invalid(from, "fragments of " + p.bytes + " bytes for a message of " + p.total);
            return null;
        }
        if (p.have < p.count) {
            return null;
        }
        remove(key, p);
        byte[] whole = new byte[p.total];
        int at = 0;
        for (byte[] c : p.chunks) {
            System.arraycopy(c, 0, whole, at, c.length);
            at += c.length;
        }
        return whole;
    }

    /** Counts a datagram of {@code bytes} from {@code from} that is not a fragment at all. */
    void garbage(String from, int bytes) {
        invalid(from, "a datagram of " + bytes + " bytes that is not a fragment");
    }

    private void invalid(String from, String detail) {
        invalid++;
        losses.refused(from, Refusal.GARBAGE, detail);
    }

    private void lost(Pending p, String why) {
        dropped++;
        losses.refused(p.from, Refusal.INCOMPLETE, p.have + " of " + p.count + " fragments " + why);
    }

    /** Datagrams and fragments refused so far: not of this format, or inconsistent with their envelope. */
    long invalid() {
        return invalid;
    }

    /** Incomplete envelopes dropped so far: timed out, or pushed out by newer ones. */
    long dropped() {
        return dropped;
    }

    /** Incomplete envelopes held now. */
    int pending() {
        return pending.size();
    }

    /** The declared bytes of the incomplete envelopes held now. */
    long pendingBytes() {
        return pendingBytes;
    }

    private void expire(long now) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.started < timeoutNanos) {
                return;
            }
            it.remove();
            pendingBytes -= p.total;
            lost(p, "after " + Duration.ofNanos(timeoutNanos).toSeconds() + " s");
        }
    }

    private void makeRoom(int bytes) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext() && (pending.size() >= maxPending || pendingBytes + bytes > maxBytes)) {
            Pending p = it.next();
            it.remove();
            pendingBytes -= p.total;
            lost(p, "when newer messages needed the room");
        }
    }

    private void remove(Key key, Pending p) {
        pending.remove(key);
        pendingBytes -= p.total;
    }
}
