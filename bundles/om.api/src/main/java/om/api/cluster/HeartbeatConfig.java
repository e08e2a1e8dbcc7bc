package om.api.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code [hb#N]} section as the transport needs it, evaluated by the daemon for this node (addresses and
 * ports resolved per peer). The daemon writes it as the properties of a Config Admin factory configuration
 * ({@link #properties()}); the transport reads it back with {@link #of}.
 *
 * @param name       {@code hb#1}
 * @param type       {@code unicast} or {@code multicast}
 * @param interval   maximum time between two messages
 * @param timeout    a peer silent for longer is not beating on this heartbeat
 * @param intf       interface to bind or send on, null when not set
 * @param addr       unicast: listen address; multicast: group address
 * @param port       unicast: listen port; multicast: group port
 * @param peers      the peers this heartbeat talks to (never the local node); for multicast the endpoints are
 *                   the group's
 */
public record HeartbeatConfig(String name, String type, Duration interval, Duration timeout, String intf, String addr,
                              int port, List<Peer> peers) {
    public static final String UNICAST = "unicast";
    public static final String MULTICAST = "multicast";
    /** The factory pid of a type's transport component: {@code om.hb.unicast}, {@code om.hb.multicast}. */
    public static String factoryPid(String type) {
        return "om.hb." + type;
    }

    /** A peer and where to reach it on this heartbeat. */
    public record Peer(String node, String addr, int port) {
    }

    public HeartbeatConfig {
        peers = List.copyOf(peers);
    }

    /** The Config Admin properties of this configuration (values are String, Long or String[]). */
    public Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("hb.name", name);
        p.put("hb.type", type);
        p.put("hb.interval.ms", interval.toMillis());
        p.put("hb.timeout.ms", timeout.toMillis());
        if (intf != null) {
            p.put("hb.intf", intf);
        }
        p.put("hb.addr", addr);
        p.put("hb.port", (long) port);
        String[] ps = new String[peers.size()];
        for (int i = 0; i < ps.length; i++) {
            Peer peer = peers.get(i);
            ps[i] = peer.node() + " " + peer.addr() + " " + peer.port();
        }
        p.put("hb.peers", ps);
        return p;
    }

    /**
     * Reads the properties written by {@link #properties()} (as Config Admin hands them to a component).
     *
     * @throws IllegalArgumentException when a property is missing or malformed
     */
    public static HeartbeatConfig of(Map<String, ?> p) {
        String name = string(p, "hb.name");
        List<Peer> peers = new ArrayList<>();
        Object raw = p.get("hb.peers");
        Iterable<?> items = raw instanceof Object[] a ? List.of(a) : raw instanceof Iterable<?> it ? it
                : raw == null ? List.of() : List.of(raw);
        for (Object o : items) {
            String[] f = String.valueOf(o).trim().split(" ");
            if (f.length != 3) {
                throw new IllegalArgumentException(name + ": malformed peer '" + o + "'");
            }
            peers.add(new Peer(f[0], f[1], (int) number(name, "hb.peers", f[2])));
        }
        Object intf = p.get("hb.intf");
        return new HeartbeatConfig(name, string(p, "hb.type"),
                Duration.ofMillis(number(name, "hb.interval.ms", p.get("hb.interval.ms"))),
                Duration.ofMillis(number(name, "hb.timeout.ms", p.get("hb.timeout.ms"))),
                intf == null || String.valueOf(intf).isBlank() ? null : String.valueOf(intf),
                string(p, "hb.addr"), (int) number(name, "hb.port", p.get("hb.port")), peers);
    }

    private static String string(Map<String, ?> p, String key) {
        Object v = p.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            throw new IllegalArgumentException("heartbeat configuration without " + key);
        }
        return String.valueOf(v);
    }

    private static long number(String name, String key, Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + key + " is not a number: " + v);
        }
    }
}
