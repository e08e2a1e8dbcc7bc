package om.hb.multicast.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import om.hb.multicast.internal.Fragments.Fragment;
import org.junit.jupiter.api.Test;

/** Fragmentation and reassembly as pure functions of datagrams and a clock. */
class FragmentsTest {
    private final AtomicLong now = new AtomicLong();
    private final List<String> losses = new ArrayList<>();
    private final Reassembler reassembler = new Reassembler(8, 32L << 20, Duration.ofSeconds(5), now::get,
            (from, reason, detail) -> losses.add(from + " " + reason + ": " + detail));

    @Test
    void aMebibyteTravelsInDatagramsThatFitUdp() {
        byte[] envelope = random(1 << 20, 1);
        List<ByteBuffer> datagrams = Fragments.split(42, 7, envelope, Fragments.CHUNK);
        assertEquals(18, datagrams.size());
        for (ByteBuffer d : datagrams) {
            assertTrue(d.remaining() <= 65_507, "datagram of " + d.remaining());
        }
        assertArrayEquals(envelope, feed(datagrams));
        assertEquals(0, reassembler.pending());
        assertEquals(0, reassembler.pendingBytes());
    }

    @Test
    void fragmentsOutOfOrderAndDuplicatedAreReassembledOnce() {
        byte[] envelope = random(500_000, 2);
        List<ByteBuffer> datagrams = new ArrayList<>(Fragments.split(42, 7, envelope, Fragments.CHUNK));
        Collections.shuffle(datagrams, new Random(5));
        datagrams.add(3, datagrams.get(0).duplicate());
        byte[] whole = null;
        int wholes = 0;
        for (ByteBuffer d : datagrams) {
            byte[] out = reassembler.accept(parse(d));
            if (out != null) {
                whole = out;
                wholes++;
            }
        }
        assertEquals(1, wholes);
        assertArrayEquals(envelope, whole);
        assertEquals(0, reassembler.invalid());
    }

    @Test
    void aSmallEnvelopeIsOneDatagram() {
        byte[] envelope = "ping".getBytes();
        List<ByteBuffer> datagrams = Fragments.split(1, 1, envelope, Fragments.CHUNK);
        assertEquals(1, datagrams.size());
        assertEquals(Fragments.HEADER + 4, datagrams.get(0).remaining());
        assertArrayEquals(envelope, reassembler.accept(parse(datagrams.get(0))));
        assertArrayEquals(new byte[0], reassembler.accept(parse(Fragments.split(1, 2, new byte[0], 100).get(0))));
    }

    @Test
    void aMissingFragmentTimesOutAndFreesItsMemory() {
        List<ByteBuffer> datagrams = Fragments.split(42, 7, random(300_000, 3), Fragments.CHUNK);
        for (int i = 1; i < datagrams.size(); i++) {
            assertNull(reassembler.accept(parse(datagrams.get(i))));
        }
        assertEquals(1, reassembler.pending());
        assertEquals(300_000, reassembler.pendingBytes());
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        byte[] ping = "ping".getBytes();
        assertArrayEquals(ping, reassembler.accept(parse(Fragments.split(43, 1, ping, 100).get(0))));
        assertEquals(1, reassembler.pending(), "not yet expired");
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        reassembler.accept(parse(Fragments.split(43, 2, ping, 100).get(0)));
        assertEquals(0, reassembler.pending());
        assertEquals(0, reassembler.pendingBytes());
        assertEquals(1, reassembler.dropped());
        // the late first fragment starts a new incomplete message, never a whole one
        assertNull(reassembler.accept(parse(datagrams.get(0))));
    }

    @Test
    void eachLossIsToldWithItsSendersAddress() {
        List<ByteBuffer> big = Fragments.split(42, 7, random(300_000, 3), Fragments.CHUNK);
        assertNull(reassembler.accept(parse(big.get(1)), "10.0.0.2"));
        reassembler.garbage("10.0.0.9", 1000);
        now.addAndGet(Duration.ofSeconds(6).toNanos());
        assertNotNull(reassembler.accept(parse(Fragments.split(43, 1, "ping".getBytes(), 100).get(0)), "10.0.0.3"));
        assertEquals(List.of("10.0.0.9 GARBAGE: a datagram of 1000 bytes that is not a fragment",
                "10.0.0.2 INCOMPLETE: 1 of 5 fragments after 5 s"), losses);
        for (int m = 0; m < 9; m++) {
            reassembler.accept(parse(Fragments.split(44, m, random(100_000, m), Fragments.CHUNK).get(0)), "10.0.0.4");
        }
        assertEquals("10.0.0.4 INCOMPLETE: 1 of 2 fragments when newer messages needed the room", losses.get(2));
        assertEquals(3, losses.size());
    }

    @Test
    void incompleteMessagesAreBoundedInNumberAndBytes() {
        for (int m = 0; m < 20; m++) {
            reassembler.accept(parse(Fragments.split(42, m, random(100_000, m), Fragments.CHUNK).get(0)));
        }
        assertEquals(8, reassembler.pending());
        assertEquals(12, reassembler.dropped());

        Reassembler small = new Reassembler(100, 1_000_000, Duration.ofSeconds(5), now::get);
        for (int m = 0; m < 20; m++) {
            small.accept(parse(Fragments.split(42, m, random(300_000, m), Fragments.CHUNK).get(0)));
        }
        assertTrue(small.pendingBytes() <= 1_000_000, small.pendingBytes() + " bytes held");
        assertEquals(3, small.pending());
        // one message larger than the whole budget is refused outright
        assertNull(small.accept(parse(Fragments.split(42, 99, random(2_000_000, 9), Fragments.CHUNK).get(0))));
        assertEquals(1, small.invalid());
    }

    @Test
    void sendersAreToldApartForTheSameMessageId() {
        byte[] a = random(200_000, 10);
        byte[] b = random(200_000, 11);
        List<ByteBuffer> fa = Fragments.split(1, 5, a, Fragments.CHUNK);
        List<ByteBuffer> fb = Fragments.split(2, 5, b, Fragments.CHUNK);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < fa.size(); i++) {
            for (ByteBuffer d : List.of(fa.get(i), fb.get(i))) {
                byte[] whole = reassembler.accept(parse(d));
                if (whole != null) {
                    out.add(whole);
                }
            }
        }
        assertEquals(2, out.size());
        assertArrayEquals(a, out.get(0));
        assertArrayEquals(b, out.get(1));
    }

    @Test
    void garbageIsNotAFragment() {
        assertNull(Fragments.parse(ByteBuffer.wrap(random(1000, 12))));
        assertNull(Fragments.parse(ByteBuffer.wrap(new byte[3])));
        ByteBuffer good = Fragments.split(1, 1, "x".getBytes(), 100).get(0);
        assertNotNull(Fragments.parse(good.duplicate()));
        assertNull(Fragments.parse(with(good, 0, (byte) 'X')), "magic");
        assertNull(Fragments.parse(with(good, 4, (byte) 2)), "version");
        // index 1 of count 1
        assertNull(Fragments.parse(with(good, 18, (byte) 1)), "index beyond count");
        // count 0
        assertNull(Fragments.parse(with(good, 20, (byte) 0)), "count 0");
        // total 0 with a chunk
        assertNull(Fragments.parse(with(good, 24, (byte) 0)), "chunk larger than total");
        // declared total beyond the limit
        assertNull(Fragments.parse(with(good, 21, (byte) 0x7f)), "total beyond the limit");
    }

    @Test
    void chunksDisagreeingWithTheirTotalAreDropped() {
        // one datagram claiming 10 bytes, carrying 5
        ByteBuffer lying = ByteBuffer.allocate(Fragments.HEADER + 5);
        lying.putInt(Fragments.MAGIC).put(Fragments.VERSION).putLong(9).putInt(1).putShort((short) 0)
                .putShort((short) 1).putInt(10).put(new byte[5]).flip();
        assertNull(reassembler.accept(parse(lying)));
        // two fragments whose headers disagree on the count
        List<ByteBuffer> two = Fragments.split(9, 2, random(150_000, 13), Fragments.CHUNK);
        assertNull(reassembler.accept(parse(two.get(0))));
        ByteBuffer other = with(two.get(1), 20, (byte) 9);
        assertNull(reassembler.accept(parse(other)));
        assertEquals(0, reassembler.pending());
        assertEquals(2, reassembler.invalid());
        assertEquals(List.of("null GARBAGE: a datagram of 5 bytes announcing 10",
                "null GARBAGE: fragments disagreeing on their message's size"), losses);
    }

    @Test
    void anEnvelopeBeyondTheLimitIsRefusedBySplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fragments.split(1, 1, new byte[Fragments.MAX_MESSAGE + 1], Fragments.CHUNK));
        assertEquals("envelope of 67108865 bytes exceeds the 64 MiB limit", e.getMessage());
    }

    private byte[] feed(List<ByteBuffer> datagrams) {
        byte[] whole = null;
        for (ByteBuffer d : datagrams) {
            assertNull(whole, "whole before the last fragment");
            whole = reassembler.accept(parse(d));
        }
        return whole;
    }

    private static Fragment parse(ByteBuffer d) {
        Fragment f = Fragments.parse(d.duplicate());
        assertNotNull(f);
        return f;
    }

    private static ByteBuffer with(ByteBuffer d, int at, byte value) {
        ByteBuffer copy = ByteBuffer.allocate(d.remaining());
        copy.put(d.duplicate()).flip();
        copy.put(at, value);
        return copy;
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }
}
