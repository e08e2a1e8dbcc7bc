package om.core.internal.node;

import om.api.Installation;
import om.api.cli.DaemonControl;
import om.api.node.NodeSettings;
import om.core.internal.store.NodeLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Generates {@code cluster.id} and {@code cluster.secret} at the first daemon start (heartbeats-and-daemon
 * section 1). Active only where a {@link DaemonControl} is, that is inside a daemon: a CLI process without a
 * daemon never writes cluster.conf on its own.
 */
@Component(immediate = true)
public final class DaemonIdentity {
    @Activate
    public DaemonIdentity(@Reference(name = "daemon") DaemonControl daemon,
                          @Reference(name = "settings") NodeSettings settings,
                          @Reference(name = "installation") Installation inst) {
        try {
            settings.ensureIdentity();
        } catch (RuntimeException e) {
            // a read-only or broken cluster.conf must not keep the daemon from starting; the next start retries
            new NodeLog(inst.log().resolve("node.log"), inst.nodename(), "settings").warning(e.getMessage());
        }
    }
}
