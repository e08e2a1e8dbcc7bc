package om.daemon.internal.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import om.api.cli.DaemonControl;
import om.api.daemon.ClusterIdentity;
import om.api.daemon.DaemonEvents;
import om.api.daemon.DaemonStatus;
import om.api.select.ObjectSelector;
import om.core.internal.driver.DriverRegistryImpl;
import om.core.internal.node.InstallationImpl;
import om.core.internal.node.NodeSettingsImpl;
import om.core.internal.store.ObjectStoreImpl;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * One node of a test cluster: its install root (the real node settings and object store of om.core), its node
 * certificate, and the node API's servlets in the Jetty of Felix HTTP, on TLS at 127.0.0.1 (any free port),
 * wired as the whiteboard wires them: {@link ApiContext} in front of every request, {@link FallbackServlet} as
 * default servlet and error page. The whiteboard registration itself is tested on the real daemon (itests).
 */
public final class TestNode implements AutoCloseable {
    public final String name;
    public final Path root;
    public final InstallationImpl installation;
    public final NodeSettingsImpl settings;
    public final ObjectStoreImpl store;
    public final PeerClient peers;
    public final List<String> logLines = new CopyOnWriteArrayList<>();
    public volatile DaemonStatus status;
    /** What this node's {@code GET /api/daemon/stats} answers. */
    public volatile om.api.daemon.DaemonStats stats;
    private Server server;
    public int port;
    /** The connector's idle timeout when positive (Felix HTTP's is 60 s), set before {@link #start()}. */
    public volatile long idleTimeoutMillis;
    /** What {@code POST /api/cli} runs: set before {@link #start()}; none without. */
    public volatile om.api.cli.CommandRunner commands;
    private om.daemon.internal.bridge.BridgeListener bridge;
    /** This node's event bus, streamed by {@code GET /api/daemon/events}. */
    public final om.daemon.internal.events.EventBus events;
    /** The orchestration requests; bind an orchestrator to it (none at first, as before the bundle comes). */
    public final ObjectActionFilter actions;
    public EventsServlet eventStreams;
    /** The keep-alive of the event streams, set before {@link #start()}. */
    public volatile java.time.Duration keepalive = EventsServlet.KEEPALIVE;

    public TestNode(Path root, String name) throws Exception {
        this.name = name;
        this.root = root;
        Files.createDirectories(root.resolve("etc"));
        this.installation = new InstallationImpl(root, name);
        DriverRegistryImpl drivers = new DriverRegistryImpl();
        this.settings = new NodeSettingsImpl(installation, drivers);
        this.store = new ObjectStoreImpl(installation, drivers, settings);
        this.peers = new PeerClient(settings, name, root.resolve("var/certs/peers"));
        this.stats = new om.api.daemon.DaemonStats(name, java.time.Instant.EPOCH, Map.of(), Map.of());
        this.status = new DaemonStatus(new ClusterIdentity("c1", "id", List.of(name), false), Map.of(), Map.of(),
                Map.of());
        this.events = new om.daemon.internal.events.EventBus(name, java.time.Clock.systemUTC());
        this.actions = new ObjectActionFilter(store);
    }

    public TestNode start() throws Exception {
        return start(0);
    }

    /** Certificates made once per node name for the whole test run (a keytool run takes a second or two). */
    private static final Map<String, Path> CERTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static synchronized Path cachedCerts(String name) throws Exception {
        Path dir = CERTS.get(name);
        if (dir == null) {
            dir = Files.createTempDirectory("om-test-certs-" + name);
            NodeCertificate.ensure(dir.resolve("certs"), name, NodeCertificate.names(name, "127.0.0.1", List.of()));
            Path d = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(d)));
            CERTS.put(name, dir);
        }
        return dir.resolve("certs");
    }

    private static void delete(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder
        }
    }

    public TestNode start(int wantedPort) throws Exception {
        Path certs = root.resolve("var/certs");
        if (!Files.exists(certs)) {
            Files.createDirectories(certs);
            for (String f : List.of(NodeCertificate.KEYSTORE, NodeCertificate.PASSWORD)) {
                Files.copy(cachedCerts(name).resolve(f), certs.resolve(f));
            }
        }
        NodeCertificate.Store cert = NodeCertificate.ensure(certs, name,
                NodeCertificate.names(name, "127.0.0.1", List.of()));
        server = new Server();
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(cert.keystore().toString());
        ssl.setKeyStorePassword(cert.password());
        ssl.setKeyManagerPassword(cert.password());
        ssl.setKeyStoreType("PKCS12");
        HttpConfiguration http = new HttpConfiguration();
        // Felix HTTP's HTTPS connector has the same customizer, host check included
        http.addCustomizer(new SecureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(wantedPort);
        if (idleTimeoutMillis > 0) {
            connector.setIdleTimeout(idleTimeoutMillis);
        }
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        ApiContext api = new ApiContext(settings, installation);
        api.bindLog(e -> logLines.add(e.message()));
        Filter security = (req, resp, chain) -> {
            if (api.handleSecurity((HttpServletRequest) req, (HttpServletResponse) resp)) {
                chain.doFilter(req, resp);
            }
        };
        context.addFilter(new FilterHolder(security), "/*", EnumSet.of(DispatcherType.REQUEST));
        DaemonControl daemon = new DaemonControl() {
            @Override
            public DaemonStatus status() {
                return status;
            }

            @Override
            public DaemonEvents events() {
                return events;
            }

            @Override
            public void stop() {
            }
        };
        ObjectSelector selector = (expr, cancel) -> store.list().stream()
                .filter(p -> p.canonical().equals(expr) || expr.equals("*")).toList();
        context.addServlet(new ServletHolder(new StatusServlet(daemon, null, selector)), "/api/daemon/status");
        om.api.daemon.DaemonStatsSource figures = new om.api.daemon.DaemonStatsSource() {
            @Override
            public om.api.daemon.DaemonStats local() {
                return stats;
            }

            @Override
            public Map<String, om.api.daemon.DaemonStats> cluster(java.time.Duration timeout) {
                return Map.of(name, stats);
            }
        };
        context.addServlet(new ServletHolder(new StatsServlet(figures)), "/api/daemon/stats");
        context.addServlet(new ServletHolder(new ConfigFileServlet(store)), "/api/object/path/*");
        context.addFilter(new FilterHolder(actions), ObjectActionFilter.PREFIX + "/*",
                EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD));
        eventStreams = new EventsServlet(events, selector, keepalive);
        context.addServlet(new ServletHolder(eventStreams), "/api/daemon/events");
        context.addServlet(new ServletHolder(new RelayServlet(peers, settings, installation)), "/api/node/name/*");
        context.addServlet(new ServletHolder(new BrokenServlet()), "/api/broken");
        if (commands != null && bridge == null) {
            bridge = om.daemon.internal.bridge.BridgeListener.open(root, commands);
        }
        if (bridge != null) {
            context.addServlet(new ServletHolder(new CliServlet(bridge)), CliServlet.PATH);
        }
        context.addServlet(new ServletHolder(new FallbackServlet()), "/");
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.addErrorPage(400, 599, "/error");
        context.addServlet(new ServletHolder(new FallbackServlet()), "/error");
        context.setErrorHandler(errors);
        server.setHandler(context);
        server.start();
        port = connector.getLocalPort();
        return this;
    }

    public void stop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        if (bridge != null) {
            bridge.close();
        }
    }

    /** A servlet that fails as a bug would. */
    static final class BrokenServlet extends ApiServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected Map<String, Handler> routes() {
            return Map.of("GET", (req, resp) -> {
                throw new IllegalStateException("boom");
            });
        }
    }
}
