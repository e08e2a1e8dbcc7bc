package om.daemon.internal.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import om.api.json.Json;

/**
 * The envelope of heartbeats-and-daemon.md section 5:
 * {@code {"clustername": <name>, "nodename": <sender>, "nonce": <base64url>, "data": <base64url>}}, {@code data}
 * being AES-256-GCM (128-bit tag) of the zlib-compressed message, under a fresh random 12-byte nonce, with key
 * SHA-256 of the UTF-8 {@code cluster.secret}. The associated data binds the envelope's clustername and nodename
 * to the ciphertext, so neither can be changed without failing authentication; it is encoded unambiguously as
 * {@code "om-hb-1"}, then for each of the two names its UTF-8 length on 4 bytes (big endian) and its bytes.
 * Stateless and thread-safe.
 */
final class Envelope {
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    /**
     * The largest message inflated: a full at 10,000 objects is a few megabytes; a zip bomb (which needs the secret
     * anyway) stops here instead of exhausting the heap.
     */
    static final int MAX_MESSAGE = 64 << 20;
    /** The largest envelope opened (base64 of at most a deflated {@link #MAX_MESSAGE}). */
    static final int MAX_ENVELOPE = MAX_MESSAGE + (MAX_MESSAGE >> 1);
    private static final byte[] AAD_TAG = "om-hb-1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private Envelope() {
    }

    /**
     * Who we are and who may talk to us: the envelope's names and the key.
     *
     * @param nodes {@code cluster.nodes}
     */
    record Keys(String cluster, String self, Set<String> nodes, SecretKeySpec key) {
        Keys {
            nodes = Set.copyOf(nodes);
        }

        /**
         * An empty secret gives no key: its key would be SHA-256 of nothing, known to anyone, so sealing with it
         * would publish our data and opening with it would admit anyone who knows the cluster name.
         */
        static Keys of(String cluster, String self, List<String> nodes, String secret) {
            return new Keys(cluster, self, Set.copyOf(nodes), secret.isEmpty() ? null : Envelope.key(secret));
        }

        /** False while {@code cluster.secret} is empty: nothing is sealed and no envelope is admitted. */
        boolean member() {
            return key != null;
        }
    }

    /** The outcome of {@link #open}. */
    sealed interface Opened permits Opened.Ok, Opened.Dropped {
        /** The authenticated message JSON of {@code sender}. */
        record Ok(String sender, byte[] message) implements Opened {
        }

        /**
         * @param sender the envelope's nodename when it parsed (not authenticated then), else null
         * @param detail one line for the log
         */
        record Dropped(Drop reason, String sender, String detail) implements Opened {
        }
    }

    /** The AES key of a secret: SHA-256 of its UTF-8 bytes. */
    static SecretKeySpec key(String secret) {
        try {
            byte[] k = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return new SecretKeySpec(k, "AES");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seals a message (its JSON bytes) as ours; only with a secret ({@link Keys#member()}). */
    static byte[] seal(Keys keys, byte[] message, SecureRandom random) {
        if (!keys.member()) {
            throw new IllegalStateException("cluster.secret is empty: nothing may be sealed");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] data;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(keys.cluster(), keys.self()));
            data = c.doFinal(deflate(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4 / 3 + 128);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("clustername", keys.cluster());
            g.writeStringField("nodename", keys.self());
            g.writeStringField("nonce", B64.encodeToString(nonce));
            g.writeStringField("data", B64.encodeToString(data));
            g.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    /** Opens an envelope: the sender and its message, or why it is dropped. Never throws. */
    static Opened open(Keys keys, byte[] envelope) {
        return open(keys, envelope, MAX_MESSAGE);
    }

    /** {@link #open} with another bound of the inflated message (tests). */
    static Opened open(Keys keys, byte[] envelope, int maxMessage) {
        if (envelope == null || envelope.length == 0 || envelope.length > MAX_ENVELOPE) {
            return new Opened.Dropped(Drop.BAD_ENVELOPE, null,
                    "envelope of " + (envelope == null ? 0 : envelope.length) + " bytes");
        }
        JsonNode doc;
        try {
            doc = Json.mapper().readTree(envelope);
        } catch (IOException | RuntimeException e) {
            return new Opened.Dropped(Drop.BAD_ENVELOPE, null, "not JSON");
        }
        String cluster = text(doc, "clustername");
        String sender = text(doc, "nodename");
        String nonceText = text(doc, "nonce");
        String dataText = text(doc, "data");
        if (cluster == null || sender == null || nonceText == null || dataText == null) {
            return new Opened.Dropped(Drop.BAD_ENVELOPE, sender, "members missing");
        }
        byte[] nonce;
        byte[] data;
        try {
            nonce = B64D.decode(nonceText);
            data = B64D.decode(dataText);
        } catch (IllegalArgumentException e) {
            return new Opened.Dropped(Drop.BAD_ENVELOPE, sender, "not base64url");
        }
        if (nonce.length != NONCE_BYTES) {
            return new Opened.Dropped(Drop.BAD_ENVELOPE, sender, "nonce of " + nonce.length + " bytes");
        }
        if (!cluster.equals(keys.cluster())) {
            return new Opened.Dropped(Drop.FOREIGN_CLUSTER, sender, "cluster " + cluster);
        }
        if (sender.equals(keys.self())) {
            return new Opened.Dropped(Drop.OWN_NODE, sender, "own message");
        }
        if (!keys.nodes().contains(sender)) {
            return new Opened.Dropped(Drop.UNKNOWN_SENDER, sender, "not in cluster.nodes");
        }
        if (!keys.member()) {
            return new Opened.Dropped(Drop.WRONG_SECRET, sender, "cluster.secret is empty on this node");
        }
        byte[] deflated;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, keys.key(), new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(aad(cluster, sender));
            deflated = c.doFinal(data);
        } catch (AEADBadTagException e) {
            return new Opened.Dropped(Drop.WRONG_SECRET, sender, "authentication failed");
        } catch (GeneralSecurityException | RuntimeException e) {
            // a ciphertext shorter than the tag, and the like
            return new Opened.Dropped(Drop.WRONG_SECRET, sender, "decryption failed: " + e.getMessage());
        }
        try {
            return new Opened.Ok(sender, inflate(deflated, maxMessage));
        } catch (DataFormatException e) {
            return new Opened.Dropped(Drop.BAD_ZLIB, sender, e.getMessage());
        }
    }

    private static String text(JsonNode doc, String member) {
        JsonNode n = doc == null ? null : doc.get(member);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    static byte[] aad(String cluster, String node) {
        byte[] c = cluster.getBytes(StandardCharsets.UTF_8);
        byte[] n = node.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(AAD_TAG.length + 8 + c.length + n.length).put(AAD_TAG)
                .putInt(c.length).put(c).putInt(n.length).put(n).array();
    }

    static byte[] deflate(byte[] in) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            d.setInput(in);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, in.length / 4));
            byte[] buf = new byte[16384];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Inflates a zlib stream of at most {@code max} bytes once inflated; more, or a broken stream, throws. */
    static byte[] inflate(byte[] in, int max) throws DataFormatException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            byte[] out = new byte[Math.min(max, Math.max(1024, in.length * 4))];
            int size = 0;
            while (!inf.finished()) {
                if (size == out.length) {
                    if (size >= max) {
                        throw new DataFormatException("inflates beyond " + max + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(max, (long) size * 2));
                }
                int n = inf.inflate(out, size, out.length - size);
                size += n;
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new DataFormatException("truncated zlib stream");
                }
            }
            if (inf.getRemaining() > 0) {
                throw new DataFormatException("bytes after the zlib stream");
            }
            return Arrays.copyOf(out, size);
        } finally {
            inf.end();
        }
    }
}
