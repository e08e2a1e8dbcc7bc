package om.driver.ip.internal;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import om.api.driver.ActionException;

/** Address literals, name resolution and network arithmetic. */
public final class Addresses {
    private Addresses() {
    }

    /** Whether {@code s} looks like an IPv4 or IPv6 literal (never triggers a name lookup). */
    public static boolean isLiteral(String s) {
        if (s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            // an out-of-range octet would make the JDK fall back to a name lookup
            return Arrays.stream(s.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        }
        return s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    }

    /** The address of a literal, empty when {@code s} is not one. */
    public static Optional<InetAddress> literal(String s) {
        if (!isLiteral(s)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Resolves an address literal or a name; a name prefers its first IPv4 address, like the reference agent. */
    public static InetAddress resolve(String ipname) throws ActionException {
        String s = ipname.strip();
        if (isLiteral(s)) {
            return literal(s).orElseThrow(() -> new ActionException("invalid address " + s));
        }
        if (s.matches("[\\d.]+")) {
            throw new ActionException("invalid address " + s);
        }
        try {
            InetAddress[] all = InetAddress.getAllByName(s);
            return Arrays.stream(all).filter(a -> a instanceof Inet4Address).findFirst().orElse(all[0]);
        } catch (UnknownHostException e) {
            throw new ActionException("cannot resolve " + s);
        }
    }

    /** The address as iproute2 prints it: dotted IPv4, or IPv6 with its longest zero run as {@code ::}. */
    public static String text(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 4) {
            return a.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    public static int bits(InetAddress a) {
        return a.getAddress().length * 8;
    }

    /** Whether {@code a} and {@code b} share their first {@code prefix} bits (false across families). */
    public static boolean sameNetwork(InetAddress a, InetAddress b, int prefix) {
        byte[] x = a.getAddress();
        byte[] y = b.getAddress();
        if (x.length != y.length) {
            return false;
        }
        for (int bit = 0; bit < prefix && bit < x.length * 8; bit++) {
            int mask = 0x80 >> (bit % 8);
            if ((x[bit / 8] & mask) != (y[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** 127.0.0.0/8 and ::1: the kernel answers them locally whatever the interfaces hold. */
    public static boolean isLoopbackRange(InetAddress a) {
        return a.isLoopbackAddress();
    }
}
