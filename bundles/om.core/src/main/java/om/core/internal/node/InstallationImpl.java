package om.core.internal.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import om.api.Installation;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The install root and node name of this process. Framework properties win over the environment so that
 * several nodes can run in one JVM-per-node test lab from the same environment.
 */
@Component(service = Installation.class, immediate = true)
public final class InstallationImpl implements Installation {
    public static final String ROOT_PROPERTY = "om.root";
    public static final String NODENAME_PROPERTY = "om.nodename";
    public static final String ROOT_ENV = "OM_ROOT";
    public static final String NODENAME_ENV = "OM_NODENAME";

    private final Path root;
    private final String nodename;

    @Activate
    public InstallationImpl(BundleContext context) {
        this(rootFrom(context.getProperty(ROOT_PROPERTY), System.getenv(ROOT_ENV), System.getProperty("user.dir")),
                nodenameFrom(context.getProperty(NODENAME_PROPERTY), System.getenv(NODENAME_ENV)));
    }

    public InstallationImpl(Path root, String nodename) {
        this.root = root.toAbsolutePath().normalize();
        this.nodename = nodename;
    }

    /** The first non-blank of the framework property, the environment variable and the working directory. */
    static Path rootFrom(String property, String env, String userDir) {
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim());
        }
        if (env != null && !env.isBlank()) {
            return Path.of(env.trim());
        }
        return Path.of(userDir);
    }

    /** The framework property, else the environment variable, else the lower-cased host name. */
    static String nodenameFrom(String property, String env) {
        if (property != null && !property.isBlank()) {
            return property.trim();
        }
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return hostname();
    }

    static String hostname() {
        String name = null;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // a host without resolvable name: /etc/hostname is the next best truth
        }
        if (name == null || name.isBlank() || name.equals("localhost")) {
            try {
                String file = Files.readString(Path.of("/etc/hostname")).strip();
                if (!file.isEmpty()) {
                    name = file;
                }
            } catch (IOException e) {
                // keep what InetAddress gave
            }
        }
        return (name == null || name.isBlank() ? "localhost" : name).toLowerCase(Locale.ROOT);
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public String nodename() {
        return nodename;
    }

    @Override
    public String toString() {
        return "Installation[root=" + root + ", nodename=" + nodename + "]";
    }
}
