package om.driver.ip.internal;

import java.util.Optional;
import om.api.driver.ActionException;

/** Converts the netmask keyword (prefix length or dotted IPv4 mask) to a prefix length. */
public final class Netmask {
    private Netmask() {
    }

    /** The prefix length of {@code text} for an address of {@code bits} bits (32 or 128). */
    public static int prefix(String text, int bits) throws ActionException {
        String s = text.strip();
        if (s.startsWith("/")) {
            s = s.substring(1);
        }
        if (s.matches("\\d{1,3}")) {
            int p = Integer.parseInt(s);
            if (p > bits) {
                throw new ActionException("invalid netmask " + text + ": prefix length above " + bits);
            }
            return p;
        }
        return dotted(s).filter(p -> bits == 32)
                .orElseThrow(() -> new ActionException("invalid netmask " + text
                        + ": expected a prefix length" + (bits == 32 ? " or a dotted mask" : "")));
    }

    private static Optional<Integer> dotted(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long mask = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return Optional.empty();
            }
            mask = (mask << 8) | Integer.parseInt(part);
        }
        int ones = Long.bitCount(mask);
        // a mask is valid only as leading ones followed by zeros
        long expected = ones == 0 ? 0 : (0xFFFFFFFFL << (32 - ones)) & 0xFFFFFFFFL;
        return mask == expected ? Optional.of(ones) : Optional.empty();
    }
}
