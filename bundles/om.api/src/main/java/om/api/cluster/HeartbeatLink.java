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
