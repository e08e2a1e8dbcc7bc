package om.daemon.internal.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import om.api.cluster.HeartbeatConfig;
import om.api.config.Values;
import om.api.node.NodeConfig;

/**
 * The heartbeats of the effective node configuration (heartbeats-and-daemon.md section 3): one
 * {@link HeartbeatConfig} per {@code [hb#N]} section, its listen values evaluated as this node and each peer's
 * address and port evaluated as that peer. A pure function of the configuration.
 */
final class HeartbeatSettings {
    static final Duration INTERVAL = Duration.ofSeconds(5);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final int PORT = 10000;
    static final String UNICAST_ADDR = "0.0.0.0";
    static final String MULTICAST_ADDR = "224.3.29.71";
    private static final Pattern SECTION = Pattern.compile("hb#[0-9]+");

    private HeartbeatSettings() {
    }

    /** The heartbeat sections in file order; one without a {@code type} is left out (the validation says why). */
    static List<HeartbeatConfig> of(NodeConfig c) {
        List<HeartbeatConfig> out = new ArrayList<>();
        for (String section : c.sections()) {
            if (!SECTION.matcher(section).matches()) {
                continue;
            }
            String type = c.get(section, "type").map(String::trim).orElse("");
            if (type.isEmpty()) {
                continue;
            }
            out.add(of(c, section, type));
        }
        return out;
    }

    private static HeartbeatConfig of(NodeConfig c, String section, String type) {
        Duration interval = positive(c.getDuration(section, "interval", INTERVAL), INTERVAL);
        Duration timeout = positive(c.getDuration(section, "timeout", TIMEOUT), TIMEOUT);
        String intf = c.get(section, "intf").filter(s -> !s.isBlank()).orElse(null);
        boolean multicast = HeartbeatConfig.MULTICAST.equals(type);
        String addr = c.get(section, "addr").filter(s -> !s.isBlank())
                .orElse(multicast ? MULTICAST_ADDR : UNICAST_ADDR);
        int port = port(c.getInt(section, "port", PORT));
        List<String> nodes = c.get(section, "nodes").map(Values::toNodeList).filter(l -> !l.isEmpty())
                .orElse(c.clusterNodes());
        List<HeartbeatConfig.Peer> peers = new ArrayList<>();
        for (String n : nodes) {
            if (n.equals(c.nodename()) || !c.clusterNodes().contains(n)) {
                continue;
            }
            if (multicast) {
                peers.add(new HeartbeatConfig.Peer(n, addr, port));
                continue;
            }
            NodeConfig pc = c.asNode(n);
            // an address written for the peer is where to reach it; else (or a wildcard) its name, resolved
            String pa = pc.isWritten(section, "addr") ? pc.get(section, "addr").map(String::trim).orElse("") : "";
            if (pa.isEmpty() || "0.0.0.0".equals(pa) || "::".equals(pa)) {
                pa = n;
            }
            peers.add(new HeartbeatConfig.Peer(n, pa, port(pc.getInt(section, "port", PORT))));
        }
        return new HeartbeatConfig(section, type, interval, timeout, intf, addr, port, peers);
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d.isNegative() || d.isZero() ? fallback : d;
    }

    private static int port(long p) {
        return p > 0 && p < 65536 ? (int) p : PORT;
    }
}
