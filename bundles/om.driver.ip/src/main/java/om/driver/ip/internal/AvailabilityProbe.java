package om.driver.ip.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import om.api.driver.ExecRequest;
import om.api.driver.ExecResult;
import om.api.driver.ResourceContext;

/**
 * Tells whether an address already answers elsewhere on the network, before it is added here.
 * An address held by a local interface, or in the loopback range the kernel answers by itself, is local: probing
 * it would only hear this host, so it is never a conflict.
 */
public final class AvailabilityProbe {
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private AvailabilityProbe() {
    }

    /** Whether another host answers for {@code address}; false when it is free or local. */
    public static boolean inUse(ResourceContext ctx, InetAddress address, LinkInfo link, List<IfAddr> localAddrs) {
        if (localAddrs.stream().anyMatch(a -> a.address().equals(address)) || Addresses.isLoopbackRange(address)) {
            return false;
        }
        if (Addresses.bits(address) == 32 && link.arp()) {
            Optional<Boolean> dad = duplicateAddressDetection(ctx, address, link.dev());
            if (dad.isPresent()) {
                return dad.get();
            }
        }
        return answersPing(address);
    }

    /** arping's duplicate address detection: exit 0 no answer, 1 someone answered; empty when it cannot tell. */
    private static Optional<Boolean> duplicateAddressDetection(ResourceContext ctx, InetAddress address, String dev) {
        ExecResult r = ctx.exec(new ExecRequest(List.of("arping", "-D", "-c", "2", "-w",
                String.valueOf(PROBE_TIMEOUT.toSeconds()), "-I", dev, Addresses.text(address)), null,
                java.util.Map.of(), PROBE_TIMEOUT.plusSeconds(3), false));
        if (r.error() != null || r.timedOut()) {
            return Optional.empty();
        }
        return switch (r.exitCode()) {
            case 0 -> Optional.of(false);
            case 1 -> Optional.of(true);
            default -> Optional.empty();
        };
    }

    // ICMP echo when the JVM may open raw sockets (root), else a TCP connection attempt to port 7
    private static boolean answersPing(InetAddress address) {
        try {
            return address.isReachable((int) PROBE_TIMEOUT.toMillis());
        } catch (IOException e) {
            return false;
        }
    }
}
