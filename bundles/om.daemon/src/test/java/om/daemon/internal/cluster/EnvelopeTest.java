package om.daemon.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import om.api.json.Json;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> NODES = List.of("n1", "n2", "n3");
    private final Envelope.Keys n1 = Envelope.Keys.of("c1", "n1", NODES, "s3cret");
    private final Envelope.Keys n2 = Envelope.Keys.of("c1", "n2", NODES, "s3cret");
    private final byte[] message = "{\"kind\":\"ping\"}".getBytes(StandardCharsets.UTF_8);

    private static Drop dropped(Envelope.Opened o) {
        return assertInstanceOf(Envelope.Opened.Dropped.class, o).reason();
    }

    private static ObjectNode doc(byte[] envelope) throws Exception {
        return (ObjectNode) Json.mapper().readTree(envelope);
    }

    private static byte[] bytes(ObjectNode doc) throws Exception {
        return Json.mapper().writeValueAsBytes(doc);
    }

    @Test
    void aSealedMessageOpensAtThePeer() {
        byte[] env = Envelope.seal(n1, message, RANDOM);
        Envelope.Opened.Ok ok = assertInstanceOf(Envelope.Opened.Ok.class, Envelope.open(n2, env));
        assertEquals("n1", ok.sender());
        assertArrayEquals(message, ok.message());
    }

    @Test
    void theEnvelopeHasTheFourMembersAndAFreshNonceEachTime() throws Exception {
        ObjectNode a = doc(Envelope.seal(n1, message, RANDOM));
        ObjectNode b = doc(Envelope.seal(n1, message, RANDOM));
        assertEquals(List.of("clustername", "nodename", "nonce", "data"), List.copyOf(iter(a)));
        assertEquals("c1", a.get("clustername").asText());
        assertEquals("n1", a.get("nodename").asText());
        assertEquals(12, Base64.getUrlDecoder().decode(a.get("nonce").asText()).length);
        assertNotEquals(a.get("nonce"), b.get("nonce"));
        assertNotEquals(a.get("data"), b.get("data"));
    }

    private static List<String> iter(ObjectNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyDropReasonIsTold() throws Exception {
        byte[] env = Envelope.seal(n1, message, RANDOM);
        assertEquals(Drop.BAD_ENVELOPE, dropped(Envelope.open(n2, "garbage \u0000".getBytes())));
        assertEquals(Drop.BAD_ENVELOPE, dropped(Envelope.open(n2, new byte[0])));
        assertEquals(Drop.BAD_ENVELOPE, dropped(Envelope.open(n2, "{\"clustername\":\"c1\"}".getBytes())));
        ObjectNode badNonce = doc(env).put("nonce", "AAAA");
        assertEquals(Drop.BAD_ENVELOPE, dropped(Envelope.open(n2, bytes(badNonce))));
        ObjectNode notB64 = doc(env).put("data", "***");
        assertEquals(Drop.BAD_ENVELOPE, dropped(Envelope.open(n2, bytes(notB64))));

        assertEquals(Drop.FOREIGN_CLUSTER,
                dropped(Envelope.open(Envelope.Keys.of("c2", "n2", NODES, "s3cret"), env)));
        assertEquals(Drop.UNKNOWN_SENDER,
                dropped(Envelope.open(Envelope.Keys.of("c1", "n2", List.of("n2", "n3"), "s3cret"), env)));
        assertEquals(Drop.OWN_NODE, dropped(Envelope.open(n1, env)));
        assertEquals(Drop.WRONG_SECRET,
                dropped(Envelope.open(Envelope.Keys.of("c1", "n2", NODES, "other"), env)));
    }

    /** The names are authenticated: a node of the cluster cannot pass its message off as another's. */
    @Test
    void aChangedSenderOrClusterFailsAuthentication() throws Exception {
        byte[] env = Envelope.seal(n1, message, RANDOM);
        ObjectNode spoof = doc(env).put("nodename", "n3");
        assertEquals(Drop.WRONG_SECRET, dropped(Envelope.open(n2, bytes(spoof))));
        Envelope.Keys c2 = Envelope.Keys.of("c2", "n2", NODES, "s3cret");
        ObjectNode moved = doc(env).put("clustername", "c2");
        assertEquals(Drop.WRONG_SECRET, dropped(Envelope.open(c2, bytes(moved))));
    }

    @Test
    void aTamperedCiphertextFailsAuthentication() throws Exception {
        ObjectNode d = doc(Envelope.seal(n1, message, RANDOM));
        byte[] data = Base64.getUrlDecoder().decode(d.get("data").asText());
        data[data.length / 2] ^= 1;
        d.put("data", Base64.getUrlEncoder().withoutPadding().encodeToString(data));
        assertEquals(Drop.WRONG_SECRET, dropped(Envelope.open(n2, bytes(d))));
        d.put("data", "AAAA");
        assertEquals(Drop.WRONG_SECRET, dropped(Envelope.open(n2, bytes(d))));
    }

    /**
     * Issue 12 item 3: any one bit of the wire envelope flipped, anywhere, and the envelope is dropped; the only
     * flips that still open are those base64url ignores (the unused low bits of a last character), and they open
     * to the very message of the very sender (then a replay for the daemon, which checks updated_at).
     */
    @Test
    void everyOneBitFlipOfTheWireEnvelopeIsDropped() {
        byte[] env = Envelope.seal(n1, message, RANDOM);
        int opened = 0;
        for (int i = 0; i < env.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] t = env.clone();
                t[i] ^= (byte) (1 << bit);
                Envelope.Opened o = Envelope.open(n2, t);
                if (o instanceof Envelope.Opened.Ok ok) {
                    opened++;
                    assertEquals("n1", ok.sender(), "byte " + i + " bit " + bit);
                    assertArrayEquals(message, ok.message(), "byte " + i + " bit " + bit);
                }
            }
        }
        assertTrue(opened <= 8, opened + " flips opened: only the padding bits of a base64 tail may");
    }

    /** Issue 12 item 3: every truncation of an envelope, and of its ciphertext inside a whole envelope, is dropped. */
    @Test
    void everyTruncationIsDropped() throws Exception {
        byte[] env = Envelope.seal(n1, message, RANDOM);
        for (int len = 0; len < env.length; len++) {
            assertEquals(Drop.BAD_ENVELOPE, dropped(Envelope.open(n2, java.util.Arrays.copyOf(env, len))),
                    "the first " + len + " bytes");
        }
        ObjectNode d = doc(env);
        byte[] data = Base64.getUrlDecoder().decode(d.get("data").asText());
        for (int len = 0; len < data.length; len++) {
            d.put("data", Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(data, len)));
            assertEquals(Drop.WRONG_SECRET, dropped(Envelope.open(n2, bytes(d))), "a ciphertext of " + len + " bytes");
        }
    }

    /** The AAD is length-prefixed: ("c1", "1n2") and ("c11", "n2") are different associated data. */
    @Test
    void theAssociatedDataIsUnambiguous() {
        assertNotEquals(List.of(Envelope.aad("c1", "1n2")), List.of(Envelope.aad("c11", "n2")));
        assertTrue(!java.util.Arrays.equals(Envelope.aad("c1", "1n2"), Envelope.aad("c11", "n2")));
    }

    /** A zip bomb sealed with the right key (a member gone rogue) is stopped at the bound, not by the heap. */
    @Test
    void aZipBombIsDroppedAtTheBound() throws Exception {
        byte[] zeros = new byte[(4 << 20) + 1];
        byte[] env = Envelope.seal(n1, zeros, RANDOM);
        assertTrue(env.length < 64 << 10, "the bomb is small on the wire: " + env.length);
        assertEquals(Drop.BAD_ZLIB, dropped(Envelope.open(n2, env, 4 << 20)));
    }

    @Test
    void aMessageAtTheBoundStillOpens() throws Exception {
        byte[] big = new byte[4 << 20];
        Envelope.Opened.Ok ok = assertInstanceOf(Envelope.Opened.Ok.class,
                Envelope.open(n2, Envelope.seal(n1, big, RANDOM), 4 << 20));
        assertEquals(big.length, ok.message().length);
    }

    @Test
    void brokenZlibIsDropped() throws Exception {
        assertThrowsFormat(new byte[] {1, 2, 3, 4});
        byte[] good = Envelope.deflate(message);
        assertThrowsFormat(java.util.Arrays.copyOf(good, good.length - 3));
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 2);
        assertThrowsFormat(trailing);
    }

    private static void assertThrowsFormat(byte[] in) {
        org.junit.jupiter.api.Assertions.assertThrows(java.util.zip.DataFormatException.class,
                () -> Envelope.inflate(in, 1 << 20));
    }
}
