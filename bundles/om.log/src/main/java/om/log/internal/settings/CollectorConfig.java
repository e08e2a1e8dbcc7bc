package om.log.internal.settings;

import java.net.URI;
import java.util.Locale;

/**
 * The collector endpoint from {@code node.dbopensvc} ({@code [http(s)://]<host>[:<port>][/<app>]}) and the
 * credentials sent as the last argument of every call.
 *
 * @param endpoint {@code <scheme>://<host>:<port>/<app>/default/call/xmlrpc}
 * @param uuid     {@code node.uuid}, empty when unset
 * @param nodename the local node name
 */
public record CollectorConfig(URI endpoint, String uuid, String nodename) {
    /**
     * Builds the XML-RPC endpoint: scheme https unless given, port 443 (https) or 80 (http) unless given,
     * app {@code feed} unless given.
     *
     * @throws IllegalArgumentException when the value is not such a URL
     */
    public static URI endpoint(String dbopensvc) {
        String v = dbopensvc.strip();
        String scheme = "https";
        int sep = v.indexOf("://");
        if (sep >= 0) {
            scheme = v.substring(0, sep).toLowerCase(Locale.ROOT);
            v = v.substring(sep + 3);
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("dbopensvc: unsupported scheme '" + scheme + "'");
        }
        String app = "feed";
        int slash = v.indexOf('/');
        if (slash >= 0) {
            String rest = v.substring(slash + 1).replaceAll("/+$", "");
            if (!rest.isEmpty()) {
                app = rest;
            }
            v = v.substring(0, slash);
        }
        int port = scheme.equals("https") ? 443 : 80;
        String host = v;
        int colon = v.lastIndexOf(':');
        if (colon >= 0 && !v.endsWith("]")) {
            host = v.substring(0, colon);
            try {
                port = Integer.parseInt(v.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("dbopensvc: bad port in '" + dbopensvc + "'");
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("dbopensvc: no host in '" + dbopensvc + "'");
        }
        return URI.create(scheme + "://" + host + ":" + port + "/" + app + "/default/call/xmlrpc");
    }
}
