package om.driver.ip.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import om.api.driver.ActionException;
import om.api.driver.ResourceContext;

/**
 * What matters of a network interface: its flags (from {@code ip -o link show}) and its carrier.
 *
 * @param dev   the interface
 * @param flags the flags between angle brackets, such as {@code BROADCAST}, {@code NOARP}, {@code UP}
 */
public record LinkInfo(String dev, Set<String> flags) {
    public LinkInfo {
        flags = Set.copyOf(flags);
    }

    /** The state of the link as {@code /sys/class/net/<dev>/carrier} tells it. */
    public enum Carrier {
        /** carrier is 1. */
        PRESENT,
        /** carrier is 0. */
        ABSENT,
        /** the interface is administratively down: the kernel refuses to read the carrier. */
        ADMIN_DOWN,
        /** no carrier file: nothing to check. */
        UNKNOWN
    }

    /** Reads the interface; fails with {@code interface <dev> not found} when it does not exist. */
    public static LinkInfo read(ResourceContext ctx, String dev, Duration timeout) throws ActionException {
        String out;
        try {
            out = ctx.query(List.of("ip", "-o", "link", "show", "dev", dev), timeout);
        } catch (ActionException e) {
            throw notFoundOr(dev, e);
        }
        return parse(dev, out);
    }

    /** {@code interface <dev> not found} when that is what iproute2 said, else the failure as it is. */
    static ActionException notFoundOr(String dev, ActionException e) {
        return e.getMessage().contains("does not exist") ? new ActionException("interface " + dev + " not found") : e;
    }

    static LinkInfo parse(String dev, String output) {
        int open = output.indexOf('<');
        int close = output.indexOf('>', open + 1);
        if (open < 0 || close < 0) {
            return new LinkInfo(dev, Set.of());
        }
        String inside = output.substring(open + 1, close);
        return new LinkInfo(dev, inside.isEmpty() ? Set.of() : Set.of(inside.split(",")));
    }

    /** Whether the interface resolves addresses with ARP: not for loopback or NOARP links (tun, ...). */
    public boolean arp() {
        return !flags.contains("NOARP") && !flags.contains("LOOPBACK");
    }

    /** The carrier of {@code dev} seen from this process's network namespace. */
    public static Carrier carrier(Path sysClassNet, String dev) {
        Path file = sysClassNet.resolve(dev).resolve("carrier");
        if (!Files.exists(file)) {
            return Carrier.UNKNOWN;
        }
        try {
            return Files.readString(file).strip().equals("0") ? Carrier.ABSENT : Carrier.PRESENT;
        } catch (java.io.IOException e) {
            // EINVAL: the kernel has no carrier to report on a link that is down
            return Carrier.ADMIN_DOWN;
        }
    }
}
