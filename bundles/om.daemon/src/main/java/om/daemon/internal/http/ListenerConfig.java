package om.daemon.internal.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import om.api.node.NodeConfig;

/**
 * The {@code [listener]} keywords of one node: where its TLS node API listens ({@code listener.addr},
 * default {@code 0.0.0.0}; {@code listener.port}, default 1215), and the Felix HTTP configuration made of them.
 */
record ListenerConfig(String addr, int port) {
    static final String DEFAULT_ADDR = "0.0.0.0";
    static final int DEFAULT_PORT = 1215;
    /** Config Admin pid of Felix HTTP's one (non-factory) Jetty. */
    static final String FELIX_HTTP_PID = "org.apache.felix.http";

    /**
     * The listener of {@code config}'s node (evaluate with {@link NodeConfig#asNode} for a peer); a port that is
     * not a number in 1-65535 is the default, as an unknown value of any keyword is its default.
     */
    static ListenerConfig of(NodeConfig config) {
        String addr = config.get("listener", "addr").map(String::strip).filter(s -> !s.isEmpty())
                .orElse(DEFAULT_ADDR);
        long port = config.getInt("listener", "port", DEFAULT_PORT);
        return new ListenerConfig(addr, port < 1 || port > 65535 ? DEFAULT_PORT : (int) port);
    }

    /**
     * Where a peer is reached: its {@code listener.addr}, or its node name resolved when it listens on every
     * address (0.0.0.0 or ::).
     */
    static String peerHost(ListenerConfig peer, String node) {
        String a = peer.addr();
        return a.equals("0.0.0.0") || a.equals("::") || a.equals("[::]") ? node : a;
    }

    /** The address to connect to for host, as a URI authority (IPv6 in brackets). */
    static String authority(String host, int port) throws UnknownHostException {
        InetAddress ia = InetAddress.getByName(host);
        String h = ia.getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + port;
    }

    /**
     * The Felix HTTP configuration: HTTPS only on addr:port (no plain HTTP connector at all), the node key store,
     * no Server header, HTTP/1.1 (the API is small JSON documents and config files).
     */
    Dictionary<String, Object> felixProperties(Path keystore, String password) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put("org.apache.felix.http.enable", "false");
        p.put("org.apache.felix.https.enable", "true");
        p.put("org.apache.felix.http.host", addr);
        p.put("org.osgi.service.http.port.secure", Integer.toString(port));
        p.put("org.apache.felix.https.keystore", keystore.toString());
        p.put("org.apache.felix.https.keystore.password", password);
        p.put("org.apache.felix.https.keystore.key.password", password);
        p.put("org.apache.felix.https.keystore.type", "PKCS12");
        p.put("org.apache.felix.https.jetty.protocols.included", "TLSv1.3,TLSv1.2");
        p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
        p.put("org.apache.felix.http2.enable", "false");
        p.put("org.apache.felix.jetty.websocket.enable", "false");
        p.put("org.apache.felix.jakarta.websocket.enable", "false");
        p.put("org.apache.felix.http.mbeans", "false");
        p.put("org.apache.felix.http.name", "om");
        // bounded request heads and bodies: a config file is small, a status request has no body
        p.put("org.apache.felix.http.jetty.headerBufferSize", "16384");
        p.put("org.apache.felix.http.jetty.requestSizeLimit", Long.toString(16L * 1024 * 1024));
        return p;
    }
}
