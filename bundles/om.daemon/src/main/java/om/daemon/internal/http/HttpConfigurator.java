package om.daemon.internal.http;

import java.io.IOException;
import java.time.Clock;
import java.util.Dictionary;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import om.api.Installation;
import om.api.action.ActionLog;
import om.api.daemon.ThreadStatus;
import om.api.node.NodeConfig;
import om.api.node.NodeSettings;
import om.daemon.internal.control.NodeLog;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Gives Felix HTTP its configuration (pid {@code org.apache.felix.http}): HTTPS only on
 * {@code listener.addr:listener.port} with the node certificate, made at the first start. The launcher tells Felix
 * HTTP to open nothing before this configuration ({@code org.apache.felix.http.require.config}), so no plain HTTP
 * port is ever open. A change of the listener keywords re-configures it live (Jetty restarts its connector);
 * stopping the daemon bundle deletes the configuration, which closes the port.
 */
@Component(service = {HttpConfigurator.class, ListenerStatus.class}, immediate = true)
public final class HttpConfigurator implements ListenerStatus {
    private final ConfigurationAdmin configAdmin;
    private final NodeSettings settings;
    private final Installation installation;
    private final NodeLog nodeLog;
    /** One thread: key generation (a keytool run, about a second) and Config Admin calls stay off SCR's thread. */
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "om-listener-config");
        t.setDaemon(true);
        return t;
    });
    private final AutoCloseable subscription;
    static final java.time.Duration ADDRESS_CHECK = java.time.Duration.ofMinutes(1);

    /** What Felix HTTP was given: the listener and the certificate. */
    private record Applied(ListenerConfig listener, String certificate) {
    }

    private volatile Applied applied;
    /** The certificate issued or read last, for the names it was made for and the key store file it came from. */
    private record Issued(java.util.Set<String> names, String file, NodeCertificate.Store store) {
    }

    private volatile Issued issued;
    /** Configurations applied again for a listener that could not bind (worker thread only). */
    private long retries;
    private final ListenerState state = new ListenerState(Clock.systemUTC());
    private volatile String lastWarning;

    @Activate
    public HttpConfigurator(@Reference ConfigurationAdmin configAdmin, @Reference NodeSettings settings,
                            @Reference Installation installation) {
        this.configAdmin = configAdmin;
        this.settings = settings;
        this.installation = installation;
        this.nodeLog = new NodeLog(null, Clock.systemUTC(), installation.nodename());
        // now, at each change of the node settings, and every minute for the host's addresses (a new one gets the
        // certificate re-signed to name it)
        worker.scheduleWithFixedDelay(() -> apply(settings.current()), 0, ADDRESS_CHECK.toSeconds(),
                TimeUnit.SECONDS);
        this.subscription = settings.onChange(c -> worker.execute(() -> apply(c)));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(om.log=multiplexer)", unbind = "unbindLog")
    void bindLog(ActionLog log) {
        nodeLog.bind(log);
    }

    void unbindLog(ActionLog log) {
        nodeLog.unbind(log);
    }

    @Override
    public om.api.daemon.ThreadStatus status() {
        return state.status();
    }

    @Override
    public om.api.daemon.ListenerEndpoint config() {
        return state.config();
    }

    /** Where the listener is configured now, null before the first configuration. */
    ListenerConfig applied() {
        Applied a = applied;
        return a == null ? null : a.listener();
    }

    private void apply(NodeConfig config) {
        ListenerConfig want = ListenerConfig.of(config);
        state.configured(want);
        try {
            NodeCertificate.Store store = certificate(want);
            Applied next = new Applied(want, store.certificate());
            if (next.equals(applied)) {
                if (ThreadStatus.FAILED.equals(state.status().state())) {
                    // at the minute's check: a server slower to start than the probe answers now; a port in
                    // use at the last configuration may be free: Jetty binds again only when reconfigured
                    check(want, store.certificate());
                    if (!ThreadStatus.FAILED.equals(state.status().state())) {
                        return;
                    }
                } else {
                    return;
                }
            }
            Dictionary<String, Object> props = want.felixProperties(store.keystore(), store.password(),
                    store.certificate());
            boolean again = next.equals(applied);
            if (again) {
                // Jetty restarts only for properties that differ from those it runs with
                props.put("om.listener.retry", ++retries);
            }
            Configuration c = configAdmin.getConfiguration(ListenerConfig.FELIX_HTTP_PID, "?");
            c.update(props);
            applied = next;
            lastWarning = null;
            if (!again) {
                nodeLog.info("listener: https on " + want.addr() + ":" + want.port());
            }
            check(want, store.certificate());
        } catch (IOException | RuntimeException e) {
            String line = "listener: cannot configure https on " + want.addr() + ":" + want.port() + ": "
                    + e.getMessage();
            // tried again every minute: the same failure is logged once
            state.failed(line.substring("listener: ".length()));
            if (!line.equals(lastWarning)) {
                lastWarning = line;
                nodeLog.warning(line);
            }
        }
    }

    /**
     * The node certificate for the names this host has now. Reading the key store costs a key derivation: done
     * again only when the names or the key store file changed since (the minute's check otherwise took 0.1-0.2 %
     * of a core at idle).
     */
    private NodeCertificate.Store certificate(ListenerConfig want) throws IOException {
        java.nio.file.Path certs = installation.var().resolve("certs");
        java.util.Set<String> names = NodeCertificate.names(installation.nodename(), want.addr(),
                NodeCertificate.hostAddresses());
        Issued last = issued;
        if (last != null && last.names().equals(names) && last.file().equals(fileKey(certs))) {
            return last.store();
        }
        NodeCertificate.Store store = NodeCertificate.ensure(certs, installation.nodename(), names);
        issued = new Issued(names, fileKey(certs), store);
        return store;
    }

    private static String fileKey(java.nio.file.Path certs) throws IOException {
        java.nio.file.Path ks = certs.resolve(NodeCertificate.KEYSTORE);
        try {
            java.nio.file.attribute.BasicFileAttributes a = java.nio.file.Files.readAttributes(ks,
                    java.nio.file.attribute.BasicFileAttributes.class);
            return a.lastModifiedTime() + " " + a.size() + " " + a.fileKey();
        } catch (java.nio.file.NoSuchFileException e) {
            return "";
        }
    }

    /** The listener's state from a probe: running, or failed with the reason (logged once per reason). */
    private void check(ListenerConfig want, String key) {
        if (probe(want, key)) {
            state.running();
            return;
        }
        String why = ListenerState.reason(want.addr(), want.port());
        boolean again = state.status().alerts().contains(why);
        state.failed(why);
        if (!again) {
            nodeLog.warning("listener: " + why);
        }
    }

    /**
     * The first request to the new server, from here (see {@link JettyErrors}): Jetty restarts on the Config Admin
     * thread, so it is tried a few times, trusting only this node's key.
     */
    private boolean probe(ListenerConfig l, String key) {
        String host = ListenerConfig.isWildcard(l.addr()) ? "127.0.0.1" : l.addr();
        // with this node's credentials (a refusal would be logged as an intruder's at every start), to a URL that
        // costs nothing: any answer over our own key proves the server is ours
        java.net.URI uri = java.net.URI.create("https://" + ListenerConfig.authority(host, l.port())
                + ApiContext.PROBE);
        java.net.http.HttpClient client;
        try {
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(null, new javax.net.ssl.TrustManager[] {new PinningTrustManager(installation.nodename(), key)},
                    null);
            client = java.net.http.HttpClient.newBuilder().sslContext(ssl)
                    .connectTimeout(java.time.Duration.ofSeconds(2)).build();
        } catch (java.security.GeneralSecurityException e) {
            // no client to ask with: not a reason to show the listener failed
            return true;
        }
        // a bounded wait in all: another process on the port may accept the connection and never answer
        long deadline = System.nanoTime() + PROBE_WAIT.multipliedBy(PROBES).toNanos();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(uri)
                .timeout(java.time.Duration.ofSeconds(2)).header("Authorization", "Basic "
                        + java.util.Base64.getEncoder().encodeToString((installation.nodename() + ":"
                        + settings.current().secret()).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .GET().build();
        for (int i = 0; i < PROBES && System.nanoTime() < deadline; i++) {
            try {
                Thread.sleep(PROBE_WAIT.toMillis());
                client.send(req, java.net.http.HttpResponse.BodyHandlers.discarding());
                return true;
            } catch (IOException e) {
                // not listening yet, or another process on the port (its certificate is not ours)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        }
        return false;
    }

    static final int PROBES = 60;
    static final java.time.Duration PROBE_WAIT = java.time.Duration.ofMillis(500);

    @Deactivate
    void deactivate() {
        try {
            subscription.close();
        } catch (Exception e) {
            // the settings service is going away too
        }
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
            configAdmin.getConfiguration(ListenerConfig.FELIX_HTTP_PID, "?").delete();
            state.stopped();
        } catch (IOException | RuntimeException e) {
            // Config Admin is stopping as well: the framework stop closes the port anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
