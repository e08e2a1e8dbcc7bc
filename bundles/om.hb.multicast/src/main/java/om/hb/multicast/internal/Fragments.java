package om.hb.multicast.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The datagram format: an envelope too large for one datagram (a full dataset) travels as fragments, each a
 * 25-byte header and a chunk of at most {@link #CHUNK} bytes. Big-endian header:
 * <pre>
 *   magic "OMHB" (4) | version 1 (1) | sender id (8) | message id (4) | index (2) | count (2) | total length (4)
 * </pre>
 * The sender id is random per transport instance (the transport knows no node names: the daemon tells nodes
 * apart inside the envelope); with the message id it names one envelope for reassembly. Anything else on the
 * group's port fails {@link #parse} and is dropped.
 */
final class Fragments {
    static final int MAGIC = 0x4F4D4842;
    static final byte VERSION = 1;
    static final int HEADER = 25;
    /** Chunk bytes per datagram: header + chunk stay below the 65,507 bytes of a UDP datagram over IPv4. */
    static final int CHUNK = 60_000;
    /** The largest envelope: bounds what one sender can make a receiver hold. */
    static final int MAX_MESSAGE = 64 << 20;
    private static final int MAX_COUNT = 0xffff;

    private Fragments() {
    }

    /** One parsed datagram. */
    record Fragment(long sender, int message, int index, int count, int total, byte[] chunk) {
    }

    /**
     * The datagrams of one envelope, in index order.
     *
     * @throws IllegalArgumentException when the envelope exceeds {@link #MAX_MESSAGE}
     */
    static List<ByteBuffer> split(long sender, int message, byte[] envelope, int chunk) {
        if (envelope.length > MAX_MESSAGE) {
            throw new IllegalArgumentException("envelope of " + envelope.length + " bytes exceeds the "
                    + (MAX_MESSAGE >> 20) + " MiB limit");
        }
        int count = Math.max(1, (envelope.length + chunk - 1) / chunk);
        if (count > MAX_COUNT) {
            throw new IllegalArgumentException("envelope of " + envelope.length + " bytes needs " + count
                    + " fragments, more than " + MAX_COUNT);
        }
        List<ByteBuffer> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * chunk;
            int len = Math.min(chunk, envelope.length - from);
            ByteBuffer b = ByteBuffer.allocate(HEADER + len);
            b.putInt(MAGIC).put(VERSION).putLong(sender).putInt(message).putShort((short) i).putShort((short) count)
                    .putInt(envelope.length).put(envelope, from, len).flip();
            out.add(b);
        }
        return out;
    }

    /** The fragment a datagram holds, or null when it is not one (wrong magic or version, inconsistent sizes). */
    static Fragment parse(ByteBuffer datagram) {
        if (datagram.remaining() < HEADER || datagram.getInt() != MAGIC || datagram.get() != VERSION) {
            return null;
        }
        long sender = datagram.getLong();
        int message = datagram.getInt();
        int index = Short.toUnsignedInt(datagram.getShort());
        int count = Short.toUnsignedInt(datagram.getShort());
        int total = datagram.getInt();
        int len = datagram.remaining();
        // the sum of the chunks is checked by the reassembly, once all are there
        if (count == 0 || index >= count || total < 0 || total > MAX_MESSAGE || len > total
                || (len == 0 && total > 0)) {
            return null;
        }
        byte[] chunk = new byte[len];
        datagram.get(chunk);
        return new Fragment(sender, message, index, count, total, chunk);
    }
}
