package om.daemon.internal.cluster;

/**
 * Why a received envelope was dropped (heartbeats-and-daemon.md section 5). The words are the keys of
 * {@code dropped} in the heartbeat status.
 */
enum Drop {
    /**
     * The transport refused bytes before they made an envelope: not of its framing (a datagram that is not a
     * fragment, a connection closed before its handshake).
     */
    BAD_FRAME("bad frame"),
    /** The transport lost an envelope: some of its fragments did not arrive in time. */
    INCOMPLETE("incomplete"),
    /** The bytes are not an envelope: not JSON, members missing or not base64url, a nonce not of 12 bytes. */
    BAD_ENVELOPE("bad envelope"),
    /** {@code clustername} is not ours. */
    FOREIGN_CLUSTER("foreign cluster"),
    /** {@code nodename} is not in {@code cluster.nodes}. */
    UNKNOWN_SENDER("unknown sender"),
    /** {@code nodename} is ourselves (multicast loops our own messages back: expected there). */
    OWN_NODE("own node"),
    /** Authentication failed: a wrong secret, or the envelope was tampered with. */
    WRONG_SECRET("wrong secret"),
    /** The decrypted data does not inflate, or inflates beyond the bound. */
    BAD_ZLIB("bad compression"),
    /** The inflated message is not a message: not JSON, or members missing or of the wrong type. */
    BAD_JSON("bad message"),
    /** The message's {@code nodename} is not the envelope's. */
    SPOOFED("nodename mismatch"),
    /** {@code updated_at} is not newer than the last message accepted from the sender on this heartbeat. */
    REPLAY("replay"),
    /** Another {@code compat}. */
    COMPAT("compat"),
    /** The monitor's inbox was full: the message was valid but could not be handed over. */
    OVERFLOW("overflow");

    private final String word;

    Drop(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    /** The reason of a transport's refusal. */
    static Drop of(om.api.cluster.HeartbeatLink.Refusal r) {
        return switch (r) {
            case GARBAGE -> BAD_FRAME;
            case INCOMPLETE -> INCOMPLETE;
        };
    }
}
