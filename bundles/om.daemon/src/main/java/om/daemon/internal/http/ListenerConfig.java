package om.daemon.internal.http;

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
        return isWildcard(peer.addr()) ? node : peer.addr();
    }

    static boolean isWildcard(String addr) {
        return addr.equals("0.0.0.0") || addr.equals("::") || addr.equals("[::]");
    }

    /**
     * The URI authority for host as written (the request's Host, which the peer's certificate names: its node name
     * or its listener.addr), IPv6 literals in brackets.
     */
    static String authority(String host, int port) {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The Felix HTTP configuration: HTTPS only on addr:port (no plain HTTP connector at all), the node key store,
     * no Server header, HTTP/1.1 (the API is small JSON documents and config files).
     */
    Dictionary<String, Object> felixProperties(Path keystore, String password, String certificate) {
        Hashtable<String, Object> p = new Hashtable<>();
        // not a Felix key: a re-signed certificate changes the configuration, so Jetty reloads the key store
        p.put("om.certificate", certificate);
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
