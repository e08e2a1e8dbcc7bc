package om.orchestrator.internal.quorum;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import om.api.node.NodeConfig;

/**
 * One {@code [arbitrator#<n>]} of the node configuration and its check (orchestration.md section 7): an
 * {@code http(s)://} uri is checked by a GET, where any HTTP answer, even an error status, is a vote (the
 * arbitrator answered: the network path to it works); a {@code host:port} uri by a TCP connect. {@code insecure}
 * skips the certificate and host name checks of https.
 *
 * @param section the section name, {@code arbitrator#1}
 * @param name    what {@code om mon} shows: the uri's host
 */
record Arbitrator(String section, String name, String uri, int weight, boolean insecure) {
    static final String PREFIX = "arbitrator#";

    /** The arbitrators of the configuration, in section order; one without uri is left out (validation says so). */
    static List<Arbitrator> configured(NodeConfig c) {
        List<Arbitrator> out = new ArrayList<>();
        for (String s : c.sections()) {
            if (!s.startsWith(PREFIX)) {
                continue;
            }
            String uri = c.get(s, "uri").map(String::trim).orElse("");
            if (uri.isEmpty()) {
                continue;
            }
            int weight = (int) Math.max(0, Math.min(1000, c.getInt(s, "weight", 1)));
            out.add(new Arbitrator(s, hostOf(uri), uri, weight, c.getBool(s, "insecure", false)));
        }
        return out;
    }

    private boolean http() {
        return uri.startsWith("http://") || uri.startsWith("https://");
    }

    static String hostOf(String uri) {
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            try {
                String h = new URI(uri).getHost();
                return h == null ? uri : h;
            } catch (URISyntaxException e) {
                return uri;
            }
        }
        int colon = uri.lastIndexOf(':');
        String h = colon < 0 ? uri : uri.substring(0, colon);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** The check, bounded by about {@code timeout}; false when it did not reach the arbitrator, never throws. */
    boolean reachable(Duration timeout) {
        return reachable(timeout, c -> { });
    }

    /**
     * Same, handing {@code opened} what closes the connection being made: a blocked connect or read ignores
     * interrupts, closing is what ends it at once (the watch stopping).
     */
    boolean reachable(Duration timeout, java.util.function.Consumer<AutoCloseable> opened) {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try {
            return http() ? get(ms, opened) : connect(ms, opened);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean connect(int ms, java.util.function.Consumer<AutoCloseable> opened) throws IOException {
        int colon = uri.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        int port = Integer.parseInt(uri.substring(colon + 1).trim());
        try (Socket s = new Socket()) {
            opened.accept(s);
            s.connect(new InetSocketAddress(hostOf(uri), port), ms);
            return true;
        }
    }

    private boolean get(int ms, java.util.function.Consumer<AutoCloseable> opened) throws IOException {
        long start = System.nanoTime();
        HttpURLConnection c;
        try {
            // never through a proxy of the environment: the check is about this node's own path to the arbitrator
            c = (HttpURLConnection) new URI(uri).toURL().openConnection(Proxy.NO_PROXY);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return false;
        }
        opened.accept(c::disconnect);
        try {
            if (insecure && c instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(TRUST_ALL);
                https.setHostnameVerifier((host, session) -> true);
            }
            c.setConnectTimeout(ms);
            c.setReadTimeout(ms);
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setRequestMethod("GET");
            c.connect();
            // the connect took part of the budget: the answer gets the rest
            int left = (int) Math.max(1, ms - (System.nanoTime() - start) / 1_000_000);
            c.setReadTimeout(left);
            // any status line is an answer
            return c.getResponseCode() > 0;
        } finally {
            c.disconnect();
        }
    }

    private static final SSLSocketFactory TRUST_ALL = trustAll();

    private static SSLSocketFactory trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    // insecure = true: no check, by the operator's choice
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // insecure = true: no check, by the operator's choice
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx.getSocketFactory();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
