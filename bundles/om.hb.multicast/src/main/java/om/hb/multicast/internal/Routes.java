package om.hb.multicast.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which interface the kernel's IPv4 routing table sends an address to: the JDK has no such call, and a UDP
 * socket connected to a multicast group reports no source address to find it by.
 */
final class Routes {
    static final Path ROUTE_FILE = Path.of("/proc/net/route");

    private Routes() {
    }

    /** The interface of the longest-prefix route to {@code address} in {@code table}, null when none (or no table). */
    static String interfaceFor(InetAddress address, Path table) {
        if (!(address instanceof Inet4Address)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return null;
        }
        byte[] a = address.getAddress();
        // the table holds addresses in the kernel's byte order: little-endian on every Linux this runs on
        int target = (a[0] & 0xff) | (a[1] & 0xff) << 8 | (a[2] & 0xff) << 16 | (a[3] & 0xff) << 24;
        String best = null;
        int bestBits = -1;
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            try {
                int dest = (int) Long.parseLong(f[1], 16);
                int mask = (int) Long.parseLong(f[7], 16);
                int flags = Integer.parseInt(f[3], 16);
                // RTF_UP
                if ((flags & 1) == 0 || (target & mask) != dest) {
                    continue;
                }
                int bits = Integer.bitCount(mask);
                if (bits > bestBits) {
                    bestBits = bits;
                    best = f[0];
                }
            } catch (NumberFormatException e) {
                // not a route line
            }
        }
        return best;
    }
}
