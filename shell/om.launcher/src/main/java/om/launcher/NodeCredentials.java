package om.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * This node's credentials for another node's API (heartbeats-and-daemon section 6): its name ({@code OM_NODENAME},
 * else the host name, lower-cased) and its {@code cluster.secret} from the effective node configuration
 * ({@code etc/cluster.conf} overlaid by {@code etc/node.conf}). Both are read by om.core (the installation and the
 * node settings services, the one reader of those files) in a small throw-away framework, by reflection as
 * {@link NodeConfigCheck} does: the launcher's class loader has no om.api.
 */
final class NodeCredentials {
    static final String SETTINGS_SERVICE = "om.api.node.NodeSettings";
    static final String INSTALLATION_SERVICE = "om.api.Installation";
    static final String CONFIG_TYPE = "om.api.node.NodeConfig";
    static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(10);
    /** What reading two files does not need (the rest of bundle/ is om.api, om.core and their libraries). */
    static final Set<String> LEFT_OUT = Set.of("om.daemon", "om.shell", "om.selector", "om.log",
            "org.apache.felix.fileinstall", "org.apache.felix.gogo.runtime", "org.apache.felix.gogo.command",
            "org.apache.felix.gogo.jline", "jeromq", "org.zeromq.jeromq");

    /** The user and password of basic authentication; the secret is never printed. */
    record Credentials(String node, String secret) {
        @Override
        public String toString() {
            return "Credentials[node=" + node + "]";
        }
    }

    private NodeCredentials() {
    }

    /**
     * @throws IOException with the one line to print: no secret yet, or the framework did not give the services
     */
    static Credentials read(Layout layout) throws IOException {
        Path storage = Platform.embeddedStorage(layout);
        // bundle warnings are not the operator's business here: a missing service says what matters
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Framework framework = null;
        try {
            framework = Platform.start(Platform.baseProperties(layout, storage));
            Platform.installAndStart(framework.getBundleContext(), Platform.jars(layout.bundles()),
                    jar -> !LEFT_OUT.contains(Platform.symbolicName(jar)), quiet);
            // through the API types the services' bundle sees: the implementation classes are not public to us
            ServiceTracker<Object, Object> settings = service(framework, SETTINGS_SERVICE);
            ServiceTracker<Object, Object> installation = service(framework, INSTALLATION_SERVICE);
            org.osgi.framework.Bundle api = settings.getServiceReference().getBundle();
            Object config = api.loadClass(SETTINGS_SERVICE).getMethod("current").invoke(settings.getService());
            String secret = (String) api.loadClass(CONFIG_TYPE).getMethod("secret").invoke(config);
            String node = (String) api.loadClass(INSTALLATION_SERVICE).getMethod("nodename")
                    .invoke(installation.getService());
            if (secret == null || secret.isEmpty()) {
                throw new IOException("this node has no cluster.secret (in " + layout.root().resolve("etc")
                        .resolve("cluster.conf") + "): --server sends this node's credentials");
            }
            return new Credentials(node, secret);
        } catch (BundleException | RuntimeException e) {
            throw new IOException("cannot read this node's credentials: " + e.getMessage());
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new IOException("cannot read this node's credentials: " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IOException("incompatible node settings service: " + e);
        } finally {
            if (framework != null) {
                Platform.stop(framework, EmbeddedRunner.STOP_TIMEOUT);
            }
            Platform.deleteTree(storage);
        }
    }

    /** An open tracker holding the service (closed with the framework). */
    private static ServiceTracker<Object, Object> service(Framework framework, String name) throws IOException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(framework.getBundleContext(), name, null);
        tracker.open(true);
        try {
            if (tracker.waitForService(SERVICE_TIMEOUT.toMillis()) == null || tracker.getServiceReference() == null) {
                throw new IOException("cannot read this node's credentials: the " + name + " service did not start"
                        + " within " + SERVICE_TIMEOUT.toSeconds() + "s");
            }
            return tracker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }
}
