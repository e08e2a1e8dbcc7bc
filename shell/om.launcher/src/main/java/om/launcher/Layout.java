package om.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where things are: the distribution tree (bin, lib, bundle, deploy, shell) and the install root (etc, var, log),
 * which is {@code OM_ROOT} or the distribution tree itself.
 *
 * @param nodename {@code OM_NODENAME}, or null to let the platform use the host name
 */
record Layout(Path dist, Path root, String nodename) {
    /** Overrides the distribution tree, for running the launcher from a build directory. */
    static final String DIST_PROPERTY = "om.dist";

    static Layout detect(Map<String, String> env) {
        return of(distDir(), env);
    }

    static Layout of(Path dist, Map<String, String> env) {
        String root = env.get("OM_ROOT");
        String nodename = env.get("OM_NODENAME");
        return new Layout(dist,
                root == null || root.isBlank() ? dist : Path.of(root).toAbsolutePath().normalize(),
                nodename == null || nodename.isBlank() ? null : nodename);
    }

    /**
     * Why {@code env} cannot be used, or null: an {@code OM_ROOT} naming a missing folder would otherwise make the
     * daemon create a fresh empty root there (a typo silently becomes a new node).
     */
    static String problem(Map<String, String> env) {
        String root = env.get("OM_ROOT");
        if (root != null && !root.isBlank() && !Files.isDirectory(Path.of(root))) {
            return "OM_ROOT names a missing directory: " + root;
        }
        return null;
    }

    /** The parent of the lib/ folder holding the launcher jar. */
    static Path distDir() {
        String override = System.getProperty(DIST_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        try {
            Path code = Path.of(Layout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = Files.isDirectory(code) ? code : code.getParent();
            Path dist = lib.getParent();
            return dist == null ? lib : dist;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    Path socket() {
        return root.resolve("var").resolve("lsnr").resolve("cli.sock");
    }

    Path pidFile() {
        return root.resolve("var").resolve("omd.pid");
    }

    /** The OS lock one daemon holds on this root for its life. */
    Path lockFile() {
        return root.resolve("var").resolve("omd.lock");
    }

    Path var() {
        return root.resolve("var");
    }

    Path log() {
        return root.resolve("log");
    }

    Path bundles() {
        return dist.resolve("bundle");
    }

    /**
     * {@code bundle/daemon/}: what only the daemon runs (the HTTPS node API: Felix HTTP Jetty and its libraries),
     * apart so that an embedded client never installs, resolves or starts a web server.
     */
    Path daemonBundles() {
        return bundles().resolve("daemon");
    }

    Path deploy() {
        return dist.resolve("deploy");
    }

    Path shellBundles() {
        return dist.resolve("shell");
    }

    Path omd() {
        return dist.resolve("bin").resolve("omd");
    }
}
