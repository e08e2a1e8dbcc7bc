package om.api;

import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where this node keeps its state: the install root ({@code OM_ROOT}, default the distribution tree) and the
 * node name ({@code OM_NODENAME}, default the lower-cased host name).
 */
@ProviderType
public interface Installation {
    Path root();

    String nodename();

    default Path etc() {
        return root().resolve("etc");
    }

    default Path var() {
        return root().resolve("var");
    }

    default Path log() {
        return root().resolve("log");
    }

    /** {@code var/<kind>/<name>} or {@code var/namespaces/<ns>/<kind>/<name>}. */
    default Path varDir(ObjectPath p) {
        return p.isRoot() ? var().resolve(p.kind().word()).resolve(p.name())
                : var().resolve("namespaces").resolve(p.namespace()).resolve(p.kind().word()).resolve(p.name());
    }

    /** Object config file location (objects-and-config section 2). */
    default Path configFile(ObjectPath p) {
        if (p.kind() == Kind.CCFG) {
            return etc().resolve("cluster.conf");
        }
        if (p.isRoot()) {
            return p.kind() == Kind.SVC ? etc().resolve(p.name() + ".conf")
                    : etc().resolve(p.kind().word()).resolve(p.name() + ".conf");
        }
        return etc().resolve("namespaces").resolve(p.namespace()).resolve(p.kind().word()).resolve(p.name() + ".conf");
    }

    /** Object log file location. */
    default Path logFile(ObjectPath p) {
        if (p.isRoot()) {
            return p.kind() == Kind.SVC ? log().resolve(p.name() + ".log")
                    : log().resolve(p.kind().word()).resolve(p.name() + ".log");
        }
        return log().resolve("namespaces").resolve(p.namespace()).resolve(p.kind().word()).resolve(p.name() + ".log");
    }
}
