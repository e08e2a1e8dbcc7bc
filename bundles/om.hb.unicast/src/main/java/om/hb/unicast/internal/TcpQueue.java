package om.hb.unicast.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The kernel's count of bytes written to a connection and not yet acknowledged by the peer ({@code tx_queue} of
 * {@code /proc/net/tcp} and {@code tcp6}). JeroMQ 0.6.0's ZMTP heartbeats do not close a cut connection: measured
 * on a veth pair taken down, the connection stayed established with a growing queue; and JeroMQ only writes its
 * PING when its output buffer is empty, so once the send buffer is full no PING goes out at all. The tx watches
 * the kernel's queue instead.
 */
final class TcpQueue {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String ESTABLISHED = "01";
    /** Compiled once: {@code String.split("\\s+")} compiles its pattern at every call, for every line. */
    private static final Pattern FIELDS = Pattern.compile("\\s+");

    private TcpQueue() {
    }

    /** The connection tables as read once: a send round looks at them for every peer. */
    record Tables(List<String> lines) {
        /**
         * The largest unacknowledged byte count over the established connections to {@code remote:port}, 0 when
         * none has any, -1 when there is no such connection or the tables could not be read (not Linux).
         */
        long unacked(InetAddress remote, int port) {
            long max = -1;
            for (String line : lines) {
                max = Math.max(max, queue(FIELDS.split(line.trim()), remote, port));
            }
            return max;
        }
    }

    /** Both tables, their header lines left out; empty when they cannot be read. */
    static Tables read() {
        List<String> out = new ArrayList<>();
        for (Path table : TABLES) {
            try {
                List<String> lines = Files.readAllLines(table);
                out.addAll(lines.subList(Math.min(1, lines.size()), lines.size()));
            } catch (IOException | RuntimeException e) {
                // not Linux, or no IPv6: that table has no connection of ours
            }
        }
        return new Tables(out);
    }

    /** {@link Tables#unacked} of the tables as they are now. */
    static long unacked(InetAddress remote, int port) {
        return read().unacked(remote, port);
    }

    // fields: sl local rem st tx_queue:rx_queue ...; the port first: few lines are connections to a heartbeat port,
    // and an address costs an allocation to compare
    private static long queue(String[] f, InetAddress remote, int port) {
        if (f.length < 5 || !ESTABLISHED.equals(f[3])) {
            return -1;
        }
        int colon = f[2].indexOf(':');
        if (colon < 0 || Integer.parseInt(f[2].substring(colon + 1), 16) != port
                || !remote.equals(address(f[2].substring(0, colon)))) {
            return -1;
        }
        int q = f[4].indexOf(':');
        return q < 0 ? -1 : Long.parseLong(f[4].substring(0, q), 16);
    }

    /** The address of a table's hex field: 32-bit words, each in the host's (little-endian) byte order. */
    static InetAddress address(String hex) {
        int n = hex.length() / 2;
        if (n != 4 && n != 16) {
            return null;
        }
        byte[] b = new byte[n];
        for (int w = 0; w < n / 4; w++) {
            for (int i = 0; i < 4; i++) {
                b[w * 4 + i] = (byte) Integer.parseInt(hex.substring(w * 8 + (3 - i) * 2, w * 8 + (3 - i) * 2 + 2), 16);
            }
        }
        try {
            // a v4-mapped address (::ffff:a.b.c.d, what a dual-stack JDK socket shows) becomes the IPv4 one
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
