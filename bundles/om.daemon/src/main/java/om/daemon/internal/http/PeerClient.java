package om.daemon.internal.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import om.api.Installation;
import om.api.OmException;
import om.api.action.ActionLog;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.daemon.internal.control.NodeLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The client of the peers' node API (relays, config replication): HTTPS to the peer's {@code listener.addr}
 * (its node name when it listens on every address) and {@code listener.port}, both evaluated as that peer, with
 * this node's credentials (its name and {@code cluster.secret}). Each peer's certificate is pinned on first use
 * ({@link PinningTrustManager}). One {@link HttpClient} per peer, kept: connections are reused.
 */
@Component(service = PeerClient.class)
public final class PeerClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Sent on relayed requests: a peer that would relay again answers 508 instead of looping. */
    static final String RELAYED_HEADER = "X-Om-Relayed";
    private static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

    /** A peer's answer. */
    public record Reply(int status, String contentType, Map<String, String> omHeaders, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final NodeSettings settings;
    private final String self;
    private final Path pins;
    private final NodeLog nodeLog;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    @Activate
    public PeerClient(@Reference NodeSettings settings, @Reference Installation installation) {
        this(settings, installation.nodename(), installation.var().resolve("certs").resolve("peers"));
    }

    PeerClient(NodeSettings settings, String self, Path pins) {
        this.settings = settings;
        this.self = self;
        this.pins = pins;
        this.nodeLog = new NodeLog(null, Clock.systemUTC(), self);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(om.log=multiplexer)", unbind = "unbindLog")
    void bindLog(ActionLog log) {
        nodeLog.bind(log);
    }

    void unbindLog(ActionLog log) {
        nodeLog.unbind(log);
    }

    /** Whether node is a peer this client talks to: a node of cluster.nodes other than this one. */
    boolean isPeer(String node) {
        return !node.equals(self) && settings.current().clusterNodes().contains(node);
    }

    /** The base URI of a peer's node API, from its listener keywords. */
    URI base(String node) {
        NodeConfig peer = settings.current().asNode(node);
        ListenerConfig l = ListenerConfig.of(peer);
        String host = ListenerConfig.peerHost(l, node);
        return URI.create("https://" + ListenerConfig.authority(host, l.port()));
    }

    public Reply get(String node, String pathAndQuery) {
        return send(node, "GET", pathAndQuery, null, null, Map.of());
    }

    /**
     * One request to a peer.
     *
     * @throws OmException {@code cannot reach <node> at <uri>: <reason>} when there is no answer
     */
    public Reply send(String node, String method, String pathAndQuery, String contentType, byte[] body,
                      Map<String, String> headers) {
        return send(node, method, pathAndQuery, contentType, body, headers, REQUEST_TIMEOUT);
    }

    /** {@link #send} bounded by {@code timeout} (figures asked of every peer at once: a slow one is left out). */
    public Reply send(String node, String method, String pathAndQuery, String contentType, byte[] body,
                      Map<String, String> headers, Duration timeout) {
        if (!isPeer(node)) {
            throw new OmException(node + " is not a peer node");
        }
        URI uri = base(node).resolve(pathAndQuery);
        NodeConfig local = settings.current();
        String credentials = Base64.getEncoder().encodeToString((self + ":" + local.secret())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "Basic " + credentials)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<byte[]> r = client(node).send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            Map<String, String> om = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            r.headers().map().forEach((k, v) -> {
                if (k.regionMatches(true, 0, "x-om-", 0, 5) && !v.isEmpty()) {
                    om.put(k, v.get(0));
                }
            });
            Optional<String> ct = r.headers().firstValue("content-type");
            return new Reply(r.statusCode(), ct.orElse(null), om, r.body());
        } catch (IOException e) {
            throw new OmException("node " + node + " unreachable at " + base(node) + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OmException("interrupted while waiting for " + node);
        }
    }

    /**
     * One readable line for a failed exchange: the JDK's HttpClient reports a refused connection as a
     * {@code ConnectException} without message around a {@code ClosedChannelException}, which says nothing to an
     * operator.
     */
    static String reason(Throwable e) {
        // the certificate refusal is deep in the handshake exceptions: name it
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertificateException) {
                return c.getMessage();
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (c instanceof java.net.http.HttpConnectTimeoutException) {
                return "connection timed out";
            }
            if (c instanceof java.net.http.HttpTimeoutException) {
                return "no answer in time";
            }
            if (c instanceof java.net.UnknownHostException || c instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host" + (m == null || m.isBlank() ? "" : " " + m);
            }
            if (c instanceof java.net.NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof java.net.ConnectException) {
                return m == null || m.isBlank() ? "connection refused" : m.toLowerCase(java.util.Locale.ROOT);
            }
            if (c instanceof java.nio.channels.ClosedChannelException || c instanceof java.io.EOFException) {
                return "connection closed";
            }
        }
        Throwable t = e;
        String m = t.getMessage();
        while ((m == null || m.isEmpty()) && t.getCause() != null) {
            t = t.getCause();
            m = t.getMessage();
        }
        return m == null ? t.getClass().getSimpleName() : m;
    }

    private HttpClient client(String node) {
        if (!NODE_NAME.matcher(node).matches()) {
            throw new OmException("invalid node name " + om.api.Quote.of(node));
        }
        return clients.computeIfAbsent(node, n -> {
            try {
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, new TrustManager[] {new PinningTrustManager(n, pins.resolve(n), nodeLog::info)},
                        null);
                return HttpClient.newBuilder().sslContext(ssl).connectTimeout(CONNECT_TIMEOUT)
                        .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
            } catch (GeneralSecurityException e) {
                throw new OmException("cannot set up TLS for " + n + ": " + e.getMessage());
            }
        });
    }
}
