package om.hb.multicast.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.Collections;
import java.util.Locale;
import om.api.cluster.HeartbeatConfig;

/** Opens the channels of a heartbeat's multicast group: {@code addr:port}, on {@code intf} or the default one. */
final class Group {
    // room for the fragments of a few MiB arriving in one burst (the kernel caps it at net.core.rmem_max)
    private static final int RCVBUF = 8 << 20;

    private final HeartbeatConfig config;

    Group(HeartbeatConfig config) {
        this.config = config;
    }

    /** {@code udp://224.3.29.71:10000}, for the alerts. */
    String name() {
        return "udp://" + config.addr() + ":" + config.port();
    }

    InetSocketAddress address() throws IOException {
        InetAddress group;
        try {
            group = InetAddress.getByName(config.addr());
        } catch (IOException e) {
            throw new IOException("addr " + config.addr() + ": unknown host");
        }
        if (!(group instanceof Inet4Address) || !group.isMulticastAddress()) {
            throw new IOException("addr " + config.addr() + ": not an IPv4 multicast group");
        }
        return new InetSocketAddress(group, config.port());
    }

    /**
     * The interface to join and send on: {@code intf}, else the one the routing table sends the group to
     * ({@code /proc/net/route}, longest prefix: the {@code 224.0.0.0/4} route, else the default route), else the
     * first multicast-capable interface up (a loopback one last).
     */
    NetworkInterface networkInterface(InetSocketAddress group) throws IOException {
        if (config.intf() != null) {
            NetworkInterface nif = NetworkInterface.getByName(config.intf());
            if (nif == null) {
                throw new IOException("intf " + config.intf() + ": no such interface");
            }
            if (!nif.isUp()) {
                throw new IOException("intf " + config.intf() + ": down");
            }
            if (!nif.supportsMulticast()) {
                throw new IOException("intf " + config.intf() + ": no multicast");
            }
            return nif;
        }
        String routed = Routes.interfaceFor(group.getAddress(), Routes.ROUTE_FILE);
        if (routed != null) {
            NetworkInterface nif = NetworkInterface.getByName(routed);
            if (nif != null && nif.isUp() && nif.supportsMulticast()) {
                return nif;
            }
        }
        NetworkInterface loopback = null;
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || !nif.supportsMulticast()) {
                continue;
            }
            if (!nif.isLoopback() && nif.inetAddresses().anyMatch(a -> a instanceof Inet4Address)) {
                return nif;
            }
            if (nif.isLoopback() && loopback == null) {
                loopback = nif;
            }
        }
        if (loopback != null) {
            return loopback;
        }
        throw new IOException("no multicast interface for " + name() + " (set intf)");
    }

    /** The rx channel: bound to the group's address and port (several nodes of one host share it), joined. */
    DatagramChannel openReceiver() throws IOException {
        InetSocketAddress group = address();
        NetworkInterface nif = networkInterface(group);
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, RCVBUF);
            try {
                // bound to the group, not the wildcard: datagrams to other groups on this port stay out
                ch.bind(group);
            } catch (IOException e) {
                throw new IOException("bind " + name() + ": " + reason(e));
            }
            try {
                ch.join(group.getAddress(), nif);
            } catch (IOException e) {
                throw new IOException("join " + config.addr() + " on " + nif.getName() + ": " + reason(e));
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The tx channel: sends on the interface, TTL 1 (the local network only), looped back to this host. */
    DatagramChannel openSender() throws IOException {
        InetSocketAddress group = address();
        NetworkInterface nif = networkInterface(group);
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
            ch.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 1);
            // other nodes on this host (a lab) hear us; our own rx drops what this instance sent
            ch.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.toLowerCase(Locale.ROOT);
    }
}
