package om.driver.ip.internal;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One address line of {@code ip -o addr show}.
 *
 * @param dev     the interface
 * @param address the address
 * @param prefix  its prefix length
 * @param label   the interface label (IPv4 only: {@code lo} or an alias such as {@code lo:1}), else null
 */
public record IfAddr(String dev, InetAddress address, int prefix, String label) {

    /** Parses the one-line-per-address output of {@code ip -o addr show}; unreadable lines are skipped. */
    public static List<IfAddr> parse(String output) {
        List<IfAddr> result = new ArrayList<>();
        for (String line : output.split("\n")) {
            parseLine(line).ifPresent(result::add);
        }
        return result;
    }

    static Optional<IfAddr> parseLine(String line) {
        // fields after the backslash are lifetimes, never needed here
        int cut = line.indexOf('\\');
        String[] t = (cut < 0 ? line : line.substring(0, cut)).trim().split("\\s+");
        if (t.length < 4 || !(t[2].equals("inet") || t[2].equals("inet6"))) {
            return Optional.empty();
        }
        String dev = t[1].contains("@") ? t[1].substring(0, t[1].indexOf('@')) : t[1];
        boolean v4 = t[2].equals("inet");
        String cidr = t[3];
        int slash = cidr.indexOf('/');
        String literal = slash < 0 ? cidr : cidr.substring(0, slash);
        Optional<InetAddress> addr = Addresses.literal(literal);
        if (addr.isEmpty()) {
            return Optional.empty();
        }
        int prefix = v4 ? 32 : 128;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        String last = t[t.length - 1];
        // ip prints the label last on IPv4 lines; it is the device name or <dev>:<something>
        String label = v4 && (last.equals(dev) || last.startsWith(dev + ":")) ? last : null;
        return Optional.of(new IfAddr(dev, addr.get(), prefix, label));
    }

    /** {@code <address>/<prefix>}. */
    public String cidr() {
        return Addresses.text(address) + "/" + prefix;
    }

    /** Whether {@code other} belongs to this address's network. */
    public boolean networkContains(InetAddress other) {
        return Addresses.sameNetwork(address, other, prefix);
    }
}
