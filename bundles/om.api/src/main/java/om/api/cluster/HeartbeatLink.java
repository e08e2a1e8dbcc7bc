package om.api.cluster;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One heartbeat's link to the daemon. The methods never block on anything but the wait given to {@link #next}:
 * no action, lock, driver or log I/O, so a transport thread calling them keeps beating.
 */
@ProviderType
public interface HeartbeatLink extends AutoCloseable {
    /** The two threads of a heartbeat. */
    enum Direction {
        RX, TX;

        /** The thread name suffix: {@code rx} or {@code tx}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An envelope to send to every peer of the heartbeat, and the message kind it carries (for the status). */
    record Outgoing(byte[] envelope, String kind) {
    }

    /**
     * For the tx thread: the next envelope to send, waiting at most {@code wait} for one; null when none is due
     * yet. The daemon makes one due at once after a change and at least every {@code interval}.
     */
    Outgoing next(Duration wait) throws InterruptedException;

    /**
     * For the tx thread: how sending the last envelope to {@code peer} went.
     *
     * @param error why it failed, null when {@code ok}
     */
    void sent(String peer, boolean ok, int bytes, String error);

    /** For the rx thread: a whole envelope as received (reassembled if the transport fragments). */
    void received(byte[] envelope);

    /** Why a transport refused bytes before they made an envelope ({@link #refused}). */
    enum Refusal {
        /**
         * Bytes not of the transport's framing: a datagram that is not a fragment, fragments that disagree, a
         * connection closed before its handshake completed.
         */
        GARBAGE,
        /** An envelope whose fragments did not all arrive in time (lost datagrams), or pushed out for room. */
        INCOMPLETE
    }

    /**
     * For the rx thread: the transport refused bytes that never made an envelope. The daemon counts them with
     * the envelopes it drops (in {@code dropped} by reason, and in the thread's errors) and logs at most once a
     * minute per sender, so garbage on a heartbeat port shows the same way as a wrong secret. Never blocks.
     *
     * @param from   the sender as the transport knows it (its IP address), null when unknown
     * @param reason what kind of refusal
     * @param detail a few words for the log line, e.g. {@code 100 bytes, not a fragment}
     * @since 1.1
     */
    void refused(String from, Refusal reason, String detail);

    /**
     * A thread's state for {@code om mon} and {@code daemon status}.
     *
     * @param state {@code running}, {@code stopped} or {@code failed}
     * @param alert why it failed, null otherwise
     */
    void state(Direction direction, String state, String alert);

    /** The transport is gone: its threads show {@code stopped} until it attaches again. */
    @Override
    void close();
}
