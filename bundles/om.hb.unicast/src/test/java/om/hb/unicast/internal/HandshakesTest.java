package om.hb.unicast.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Strangers told from peers by the order of JeroMQ's events (channels stand in as plain objects: host ""). */
class HandshakesTest {
    private final Handshakes h = new Handshakes();

    @Test
    void aPeerGreetsWithZmtp3AndIsNoStranger() {
        Object peer = new Object();
        h.accepted(peer);
        assertNull(h.greeted(Handshakes.ZMTP3));
        assertNull(h.disconnected(peer), "a greeted peer's close is no refusal");
        assertEquals(0, h.pending());
    }

    @Test
    void aConnectionClosedBeforeItsGreetingIsForgotten() {
        Object silent = new Object();
        Object peer = new Object();
        h.accepted(silent);
        h.accepted(peer);
        assertEquals("", h.disconnected(silent), "it had not greeted");
        assertNull(h.disconnected(silent), "once");
        assertEquals("", h.greeted(0), "the next greeting is the peer's, not the silent one's");
        assertEquals(0, h.pending());
    }

    @Test
    void anOlderProtocolIsAStrangerAtOnce() {
        Object http = new Object();
        h.accepted(http);
        assertEquals("", h.greeted(0));
        assertNull(h.disconnected(http), "counted at its greeting, not again at its close");
    }

    @Test
    void greetingsAreMatchedInAcceptanceOrder() {
        Object a = new Object();
        Object b = new Object();
        h.accepted(a);
        h.accepted(b);
        assertNull(h.greeted(Handshakes.ZMTP3));
        assertEquals("", h.disconnected(b), "b is the one that never greeted");
        assertNull(h.disconnected(a));
    }

    @Test
    void theTableIsBounded() {
        for (int i = 0; i < Handshakes.MAX_PENDING + 10; i++) {
            h.accepted(new Object());
        }
        assertEquals(Handshakes.MAX_PENDING, h.pending());
    }
}
